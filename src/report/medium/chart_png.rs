//! A chart's bars as a PNG picture, for a medium that cannot draw shapes of its own (Word).
//!
//! The picture has bars, their tracks and the threshold lines, and no words: rasterizing text
//! would need a glyph renderer, and words in a picture cannot be searched, copied or read
//! aloud. The medium prints the chart's figures as a table beside it, so nothing is lost. The
//! PNG is written here (deflate through flate2, already in the build, and a CRC-32): one
//! 8-bit RGB image, no other chunk.

use std::io::Write;

use super::scale_share;
use crate::report::document::Chart;

/// The picture's width in pixels: twice a 6.5-inch text width at 96 dpi, so it stays sharp
/// when printed.
const WIDTH: u32 = 1248;
const PAD: u32 = 12;
const GROUP_GAP: u32 = 18;
const BAR_GAP: u32 = 4;
/// The tallest a picture gets, as a share of its width (a page's text area is about 1.3).
const MAX_ASPECT: f64 = 1.1;

const BACKGROUND: [u8; 3] = [255, 255, 255];
const TRACK: [u8; 3] = [0xE6, 0xE8, 0xEC];
const INK: [u8; 3] = [0x1C, 0x1C, 0x21];
/// The PDF's series colors (Okabe-Ito): told apart with any common color-vision deficiency.
const SERIES: [[u8; 3]; 4] = [[0, 114, 178], [230, 159, 0], [0, 158, 115], [204, 121, 167]];

/// The name of series `index`'s color, for the words that say which bar is which.
pub(crate) fn color_name(index: usize) -> &'static str {
    ["blue", "orange", "green", "pink"][index % SERIES.len()]
}

/// A PNG and its size in pixels.
pub(crate) struct Picture {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// The chart's bars, one row per bar, groups apart, the thresholds as lines across them all.
pub(crate) fn draw(chart: &Chart) -> Picture {
    let bars: u32 = chart.groups.iter().map(|g| g.bars.len() as u32).sum();
    let groups = chart.groups.iter().filter(|g| !g.bars.is_empty()).count() as u32;
    // Bars get thinner, down to 2 px, and gaps with them, so a chart of many stays near a page.
    let room = (f64::from(WIDTH) * MAX_ASPECT) as u32 - 2 * PAD;
    let bar_height = if bars == 0 {
        0
    } else {
        (room / (bars + bars / 4 + groups)).clamp(2, 28)
    };
    let bar_gap = (bar_height / 4).clamp(1, BAR_GAP);
    let group_gap = bar_height.min(GROUP_GAP);
    let height = (2 * PAD
        + bars * (bar_height + bar_gap)
        + groups.saturating_sub(1) * group_gap.saturating_sub(bar_gap))
    .max(2 * PAD + 8);
    let mut image = Image::new(WIDTH, height);
    let left = PAD;
    let track = WIDTH - 2 * PAD;
    let mut y = PAD;
    for group in chart.groups.iter().filter(|g| !g.bars.is_empty()) {
        for (i, bar) in group.bars.iter().enumerate() {
            image.fill(left, y, track, bar_height, TRACK);
            let length = (f64::from(track) * scale_share(bar.percent)).round() as u32;
            if length > 0 {
                image.fill(left, y, length, bar_height, INK);
                if length > 2 && bar_height > 2 {
                    let color = SERIES[i % SERIES.len()];
                    image.fill(left + 1, y + 1, length - 2, bar_height - 2, color);
                }
            }
            y += bar_height + bar_gap;
        }
        y += group_gap.saturating_sub(bar_gap);
    }
    for threshold in &chart.thresholds {
        if !threshold.percent.is_finite() {
            continue;
        }
        let at = left + (f64::from(track) * scale_share(Some(threshold.percent))).round() as u32;
        image.fill(
            at.saturating_sub(2).max(left),
            PAD / 2,
            4,
            height - PAD,
            INK,
        );
    }
    // The scale's ends, so an empty track still reads as 0 to 100 %.
    image.fill(left, PAD / 2, 2, height - PAD, INK);
    image.fill(left + track - 2, PAD / 2, 2, height - PAD, TRACK);
    Picture {
        png: image.png(),
        width: WIDTH,
        height,
    }
}

/// An RGB raster.
struct Image {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Image {
    fn new(width: u32, height: u32) -> Self {
        let mut pixels = Vec::with_capacity((width * height * 3) as usize);
        for _ in 0..width * height {
            pixels.extend_from_slice(&BACKGROUND);
        }
        Self {
            width,
            height,
            pixels,
        }
    }

    /// Paints a rectangle, clipped to the picture.
    fn fill(&mut self, x: u32, y: u32, w: u32, h: u32, color: [u8; 3]) {
        for row in y..(y + h).min(self.height) {
            for column in x..(x + w).min(self.width) {
                let at = ((row * self.width + column) * 3) as usize;
                self.pixels[at..at + 3].copy_from_slice(&color);
            }
        }
    }

    fn png(&self) -> Vec<u8> {
        let mut raw = Vec::with_capacity(self.pixels.len() + self.height as usize);
        for row in self.pixels.chunks(self.width as usize * 3) {
            raw.push(0); // no filter
            raw.extend_from_slice(row);
        }
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        // Writing to a Vec cannot fail.
        let data = encoder
            .write_all(&raw)
            .and_then(|()| encoder.finish())
            .unwrap_or_default();
        let mut header = Vec::with_capacity(13);
        header.extend_from_slice(&self.width.to_be_bytes());
        header.extend_from_slice(&self.height.to_be_bytes());
        header.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB, deflate, no interlace
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        chunk(&mut png, b"IHDR", &header);
        chunk(&mut png, b"IDAT", &data);
        chunk(&mut png, b"IEND", &[]);
        png
    }
}

fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend_from_slice(&(data.len() as u32).to_be_bytes());
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let crc = crc32(kind.iter().chain(data));
    png.extend_from_slice(&crc.to_be_bytes());
}

/// The CRC-32 PNG chunks end with (ISO-HDLC, reflected polynomial 0xEDB88320).
fn crc32<'a>(bytes: impl Iterator<Item = &'a u8>) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::document::Block;
    use crate::report::medium::sample_document;

    #[test]
    fn the_crc_is_png_s() {
        // The CRC of "IEND" with no data, as every PNG ends.
        assert_eq!(crc32(b"IEND".iter()), 0xAE42_6082);
        assert_eq!(crc32(b"123456789".iter()), 0xCBF4_3926);
    }

    #[test]
    fn a_chart_is_a_png_of_its_bars() {
        let doc = sample_document();
        for chart in doc.blocks.iter().filter_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        }) {
            let picture = draw(chart);
            assert!(picture.png.starts_with(b"\x89PNG\r\n\x1a\n"));
            assert!(picture.png.ends_with(&[0xAE, 0x42, 0x60, 0x82]));
            assert_eq!(picture.width, WIDTH);
            assert!(picture.height > 2 * PAD && picture.height <= WIDTH);
            // The zlib stream inflates to one filter byte and three bytes per pixel a row.
            let data_len = u32::from_be_bytes(picture.png[33..37].try_into().unwrap()) as usize;
            let mut raw = Vec::new();
            std::io::Read::read_to_end(
                &mut flate2::read::ZlibDecoder::new(&picture.png[41..41 + data_len]),
                &mut raw,
            )
            .unwrap();
            assert_eq!(
                raw.len(),
                (picture.height * (1 + 3 * picture.width)) as usize
            );
            assert!(raw.chunks(3).any(|p| p == SERIES[0]), "a bar is drawn");
        }
    }

    #[test]
    fn a_chart_of_many_bars_stays_within_a_page() {
        let mut chart = match sample_document().blocks.into_iter().find_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        }) {
            Some(c) => c,
            None => unreachable!("the sample has a chart"),
        };
        let group = chart.groups[0].clone();
        chart.groups = vec![group; 300];
        let picture = draw(&chart);
        assert!(f64::from(picture.height) <= f64::from(WIDTH) * 4.0);
    }
}
