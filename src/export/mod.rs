//! `gavel export`: the korte terugblik and friends, made from the meeting file and its minutes
//! file alone. `document` builds what is said; the renderers lay it out; `csv` and `json` come
//! straight from the minutes.

pub mod document;
pub mod docx;
