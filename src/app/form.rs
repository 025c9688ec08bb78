//! The forms for a conclusion, a summary of the debate, the portfolio holder's reply, a commitment
//! and preparation notes, each field a text area.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{TextArea, WrapMode};

use crate::domain::minutes::{Draft, DraftKind, RecordRef};
use crate::i18n::Msg;

pub struct FormField {
    pub label: Msg,
    pub area: TextArea<'static>,
    pub multiline: bool,
}

pub struct Form {
    pub kind: DraftKind,
    pub item: String,
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// The commitment this form settles (its one field says how); such a form keeps no draft.
    pub settling: Option<String>,
    /// The stored record this form corrects; such a form keeps no draft either, and stored
    /// empty it asks to remove the record.
    pub correcting: Option<RecordRef>,
}

fn area(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

impl Form {
    /// A form for an item, filled from a kept draft if there is one, else from `default_by`.
    pub fn open(
        kind: DraftKind,
        item: &str,
        draft: Option<&Draft>,
        default_by: &str,
        notes: &str,
    ) -> Form {
        let text = draft.map_or(if kind == DraftKind::Notes { notes } else { "" }, |d| {
            d.text.as_str()
        });
        let mut fields = vec![FormField {
            label: Msg::FieldText,
            area: area(text),
            multiline: true,
        }];
        if kind == DraftKind::Commitment {
            let by = draft.and_then(|d| d.by.as_deref()).unwrap_or(default_by);
            let due = draft.and_then(|d| d.due.as_deref()).unwrap_or("");
            fields.push(FormField {
                label: Msg::FieldBy,
                area: area(by),
                multiline: false,
            });
            fields.push(FormField {
                label: Msg::FieldDue,
                area: area(due),
                multiline: false,
            });
        }
        let mut form = Form {
            kind,
            item: item.to_string(),
            fields,
            focus: 0,
            settling: None,
            correcting: None,
        };
        form.show_cursor_in_focus();
        form
    }

    /// The form that says how a commitment from an earlier meeting was settled, and gives it
    /// the council's own number (either may be left empty).
    pub fn settle(item: &str, id: &str, ris_number: &str) -> Form {
        let mut form = Form {
            kind: DraftKind::Conclusion,
            item: item.to_string(),
            fields: vec![
                FormField {
                    label: Msg::FieldHow,
                    area: area(""),
                    multiline: false,
                },
                FormField {
                    label: Msg::FieldRisNumber,
                    area: area(ris_number),
                    multiline: false,
                },
            ],
            focus: 0,
            settling: Some(id.to_string()),
            correcting: None,
        };
        form.show_cursor_in_focus();
        form
    }

    /// The form that corrects a stored passage or commitment, filled with what was stored; `kind`
    /// is the form that recorded it (a conclusion, a summary of the debate, a reply, a commitment).
    pub fn correct(record: RecordRef, kind: DraftKind, text: &str, by: &str, due: &str) -> Form {
        let mut form = Form::open(kind, record.item(), None, by, "");
        form.fields[0].area = area(text);
        if kind == DraftKind::Commitment {
            form.fields[2].area = area(due);
        }
        form.correcting = Some(record);
        form.show_cursor_in_focus();
        form
    }

    pub fn text(&self, index: usize) -> String {
        self.fields
            .get(index)
            .map(|f| f.area.lines().join("\n"))
            .unwrap_or_default()
    }

    pub fn to_draft(&self) -> Draft {
        let commitment = self.kind == DraftKind::Commitment;
        Draft {
            kind: self.kind,
            item: self.item.clone(),
            text: self.text(0),
            by: commitment.then(|| self.text(1)),
            due: commitment
                .then(|| self.text(2))
                .filter(|d| !d.trim().is_empty()),
        }
    }

    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len();
        self.show_cursor_in_focus();
    }

    /// Only the focused field shows a cursor, so the user sees where typing goes.
    fn show_cursor_in_focus(&mut self) {
        for (index, field) in self.fields.iter_mut().enumerate() {
            let cursor = if index == self.focus {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            field.area.set_cursor_style(cursor);
            field.area.set_cursor_line_style(Style::new());
        }
    }

    /// Types a key into the focused field; returns whether the text changed.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        let field = &mut self.fields[self.focus];
        let is_newline = key.code == KeyCode::Enter
            || (key.modifiers.contains(KeyModifiers::CONTROL)
                && matches!(key.code, KeyCode::Char('m' | 'j')));
        if is_newline && !field.multiline {
            self.next_field();
            return false;
        }
        field.area.input(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn commitment_form_defaults_by_to_the_portfolio_holder() {
        let form = Form::open(DraftKind::Commitment, "5", None, "Nelleke Vedelaar", "");
        assert_eq!(form.to_draft().by.as_deref(), Some("Nelleke Vedelaar"));
    }

    #[test]
    fn a_kept_draft_comes_back() {
        let draft = Draft {
            kind: DraftKind::Conclusion,
            item: "5".into(),
            text: "De raad\nconcludeert".into(),
            by: None,
            due: None,
        };
        let form = Form::open(DraftKind::Conclusion, "5", Some(&draft), "", "");
        assert_eq!(form.text(0), "De raad\nconcludeert");
    }

    #[test]
    fn enter_starts_a_new_line_in_text_but_moves_on_in_a_one_line_field() {
        let mut form = Form::open(DraftKind::Commitment, "5", None, "", "");
        form.input(press(KeyCode::Char('a')));
        form.input(press(KeyCode::Enter));
        form.input(press(KeyCode::Char('b')));
        assert_eq!(form.text(0), "a\nb");
        form.next_field();
        form.input(press(KeyCode::Enter));
        assert_eq!(form.focus, 2);
        assert_eq!(form.text(1), "");
    }
}
