//! What each mark is: the structure elements (paragraphs, links, figures, lists, table cells)
//! the primitives open, and the marked-content ids and link areas that tie marks to them.

use super::super::tags::{Kid, LinkArea, LinkTarget, Role, Tree};
use super::{Layout, Mark};

impl Layout {
    /// The structure tree recorded so far.
    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    /// Runs `place` with the marks it places recorded as artifacts (decoration a screen reader
    /// skips).
    pub fn artifact<R>(&mut self, place: impl FnOnce(&mut Self) -> R) -> R {
        let was = std::mem::replace(&mut self.artifact, true);
        let result = place(self);
        self.artifact = was;
        result
    }

    /// Makes the text `place` places a link to `target`: a Link element with one annotation per
    /// line of text.
    /// Outside any element the link gets a paragraph of its own (a Link is inline).
    pub fn link<R>(&mut self, target: LinkTarget, place: impl FnOnce(&mut Self) -> R) -> R {
        let parent = match self.owner {
            Some(owner) => owner,
            None => self.open(Role::Paragraph),
        };
        let link = self.tree.add(Role::Link, parent);
        self.loose_text = None;
        if let Some(element) = self.tree.get_mut(link) {
            element.details_mut().target = Some(target);
        }
        let was = self.owner.replace(link);
        let result = place(self);
        self.owner = was;
        result
    }

    /// Runs `place` with every mark it places owned by one Figure element whose alternate
    /// text is `alt` (a chart a caller draws from marks of its own).
    pub fn figure<R>(&mut self, alt: &str, place: impl FnOnce(&mut Self) -> R) -> R {
        if self.owner.is_some() {
            return place(self);
        }
        let alt = self.encoder.clean(alt);
        let figure = self.open(Role::Figure);
        if let Some(element) = self.tree.get_mut(figure) {
            element.details_mut().alt = Some(alt);
        }
        self.owned_by(figure, place)
    }

    pub(super) fn container(&self) -> usize {
        self.containers.last().copied().unwrap_or(0)
    }

    /// A new element in the current container.
    pub(super) fn open(&mut self, role: Role) -> usize {
        self.loose_text = None;
        let parent = self.container();
        self.tree.add(role, parent)
    }

    /// Runs `place` inside a new container element (a list, a table, a row).
    pub(super) fn within<R>(&mut self, role: Role, place: impl FnOnce(&mut Self, usize) -> R) -> R {
        let id = self.open(role);
        self.containers.push(id);
        let result = place(self, id);
        self.containers.pop();
        self.loose_text = None;
        result
    }

    /// Runs `place` with its marks owned by a new leaf element `role`; inside another leaf (a
    /// heading's paragraph, a bullet's body) the marks stay with that one.
    pub(super) fn leaf<R>(
        &mut self,
        role: Role,
        place: impl FnOnce(&mut Self, Option<usize>) -> R,
    ) -> R {
        if self.owner.is_some() {
            return place(self, None);
        }
        let id = self.open(role);
        self.owned_by(id, |l| place(l, Some(id)))
    }

    pub(super) fn owned_by<R>(&mut self, id: usize, place: impl FnOnce(&mut Self) -> R) -> R {
        let was = self.owner.replace(id);
        let result = place(self);
        self.owner = was;
        result
    }

    /// Places a mark as part of the element being laid out; text outside any element becomes
    /// a paragraph, other marks outside one are artifacts.
    pub(crate) fn push(&mut self, mark: Mark) {
        let owner = match (self.artifact, self.owner) {
            (true, _) => None,
            (false, Some(owner)) => Some(owner),
            (false, None) if matches!(mark, Mark::Text(_)) => Some(self.loose_paragraph()),
            (false, None) => None,
        };
        self.push_owned(mark, owner);
    }

    /// Places a decoration: never part of the structure.
    pub(super) fn push_artifact(&mut self, mark: Mark) {
        self.push_owned(mark, None);
    }

    fn loose_paragraph(&mut self) -> usize {
        match self.loose_text {
            Some(id) => id,
            None => {
                let id = self.open(Role::Paragraph);
                self.loose_text = Some(id);
                id
            }
        }
    }

    fn push_owned(&mut self, mark: Mark, owner: Option<usize>) {
        self.current();
        let page_index = self.pages.len() - 1;
        let link = owner.filter(|&id| {
            matches!(mark, Mark::Text(_)) && self.tree.get(id).is_some_and(|e| e.role == Role::Link)
        });
        let bounds = mark.bounds();
        let text = match &mark {
            Mark::Text(t) if link.is_some() => t.text.clone(),
            _ => String::new(),
        };
        let page = &mut self.pages[page_index];
        let tag = owner.map(|id| match page.tags.last() {
            Some(Some((last, mcid))) if *last as usize == id => (*last, *mcid),
            _ => {
                let mcid = page.next_mcid;
                page.next_mcid += 1;
                if let Some(element) = self.tree.get_mut(id) {
                    element.push(Kid::Content {
                        page: page_index as u32,
                        mcid,
                    });
                }
                (u32::try_from(id).unwrap_or(u32::MAX), mcid)
            }
        });
        page.marks.push(mark);
        page.tags.push(tag);
        if let Some(element) = link {
            page.links.push(LinkArea {
                bounds,
                element,
                text,
            });
            let index = page.links.len() - 1;
            if let Some(link) = self.tree.get_mut(element) {
                link.push(Kid::Annotation {
                    page: page_index as u32,
                    index: index as u32,
                });
            }
        }
    }
}
