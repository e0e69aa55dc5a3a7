//! CLI end-to-end tests: one test binary, one module per area.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test here

mod answer;
mod bad_inputs;
mod board_fields;
mod board_packet;
mod carry_over;
mod checks;
mod commands;
mod common;
mod compare;
mod compare_html;
mod compare_packet;
mod compare_pdf;
mod dont_know;
mod draft_compare;
mod edit;
mod every_medium;
mod exports;
mod external;
mod fuzz_bodies;
mod honest;
mod honest_compare;
mod honest_numbers;
mod hostile;
mod html;
mod in_process;
mod lint;
mod many_files;
mod medium;
mod mutation;
mod one_terminal;
mod outputs;
mod pdf;
mod pdf_read;
mod pdfua;
mod read_as_written;
mod readme;
mod report_snapshots;
mod sheets_for_people;
mod speed;
mod spreadsheet;
mod spreadsheet_clients;
mod subject_media;
mod typing;
mod worksheet;
