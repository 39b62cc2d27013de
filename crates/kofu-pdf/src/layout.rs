//! Page layout: turns a [`Document`] into positioned text, rules and fills on A4 pages, then
//! into printpdf operations.
//!
//! Layout happens in millimetres measured from the top-left corner, the way a clerk would
//! measure a printed page; only the final step converts to PDF points from the bottom-left.
//! Pages are laid out completely before any PDF is built, because "1 / n" needs n. The
//! typography (sizes, margins, rules) lives here as constants; the content is the caller's.

use printpdf::{
    Color, Greyscale, Line, LineCapStyle, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
};

use crate::fonts::{self, Face, MM_PER_PT};
use crate::wrap::wrap;
use crate::{Block, Document, DocumentError, DocumentInfo, Letterhead, Table};

pub(crate) const PAGE_W: f32 = 210.0;
pub(crate) const PAGE_H: f32 = 297.0;
/// Wider on the left: official documents are bound (綴じ) on the left edge.
pub(crate) const MARGIN_LEFT: f32 = 25.0;
pub(crate) const MARGIN_RIGHT: f32 = 20.0;
const MARGIN_TOP: f32 = 25.0;
/// Body text stops here; the page number sits below.
const BODY_BOTTOM: f32 = 272.0;
const PAGE_NUMBER_TOP: f32 = 279.0;
pub(crate) const CONTENT_W: f32 = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;
const CONTENT_RIGHT: f32 = PAGE_W - MARGIN_RIGHT;

/// 10.5 pt is the customary size for Japanese official letters.
const BODY_PT: f32 = 10.5;
const BODY_LEADING: f32 = 1.75;
const TITLE_PT: f32 = 13.0;
const TITLE_PT_ALONE: f32 = 15.0;
const TABLE_PT: f32 = 9.5;
const TABLE_LEADING: f32 = 1.45;
const CELL_PAD_X: f32 = 2.0;
const CELL_PAD_Y: f32 = 1.4;
const CONTACT_PT: f32 = 9.5;
const PAGE_NUMBER_PT: f32 = 9.0;
const AMOUNT_PT: f32 = 17.0;

const RULE_THIN_PT: f32 = 0.4;
const RULE_OUTER_PT: f32 = 0.8;
const RULE_TOTAL_PT: f32 = 1.2;
const HEADER_GREY: f32 = 0.88;

/// Where the baseline sits in an em box: the ideographic em box of a Japanese face runs from
/// 0.88 em above the baseline to 0.12 em below it.
const EM_ASCENT: f32 = 0.88;

fn pt_to_mm(pt: f32) -> f32 {
    pt * MM_PER_PT
}

fn body_lh() -> f32 {
    pt_to_mm(BODY_PT * BODY_LEADING)
}

fn body_em() -> f32 {
    pt_to_mm(BODY_PT)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone)]
enum Item {
    Text {
        x: f32,
        baseline: f32,
        face: Face,
        size: f32,
        text: String,
    },
    Rule {
        from: (f32, f32),
        to: (f32, f32),
        width_pt: f32,
    },
    Fill {
        x: f32,
        top: f32,
        w: f32,
        h: f32,
        grey: f32,
    },
}

/// A typographic style: face, size and line height.
#[derive(Debug, Clone, Copy)]
struct Style {
    face: Face,
    size: f32,
    lh: f32,
}

impl Style {
    fn body() -> Self {
        Self {
            face: Face::Mincho,
            size: BODY_PT,
            lh: body_lh(),
        }
    }
    fn heading() -> Self {
        Self {
            face: Face::GothicBold,
            ..Self::body()
        }
    }
    fn cell(face: Face) -> Self {
        Self {
            face,
            size: TABLE_PT,
            lh: pt_to_mm(TABLE_PT * TABLE_LEADING),
        }
    }
    fn width(&self, text: &str) -> f32 {
        fonts::width_mm(self.face, self.size, text)
    }
    fn wrap(&self, text: &str, max_width: f32) -> Vec<String> {
        wrap(text, max_width, &|s| self.width(s))
    }
}

struct Composer {
    pages: Vec<Vec<Item>>,
    /// Top of the next line, in mm from the top of the current page.
    y: f32,
}

impl Composer {
    fn new() -> Self {
        Self {
            pages: vec![Vec::new()],
            y: MARGIN_TOP,
        }
    }

    fn push(&mut self, item: Item) {
        self.pages
            .last_mut()
            .expect("a page is always open")
            .push(item);
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN_TOP;
    }

    fn at_page_top(&self) -> bool {
        self.y <= MARGIN_TOP + 0.01
    }

    /// Start a new page unless `h` more millimetres fit on this one. A fresh page always
    /// "fits", so something taller than a page is drawn rather than looping forever.
    fn ensure(&mut self, h: f32) {
        if self.y + h > BODY_BOTTOM + 0.01 && !self.at_page_top() {
            self.new_page();
        }
    }

    /// Place one already-wrapped line of text in a line box whose top is `top`.
    fn text_at(&mut self, style: Style, top: f32, x: f32, text: &str) {
        if text.is_empty() {
            return;
        }
        let size_mm = pt_to_mm(style.size);
        self.push(Item::Text {
            x,
            baseline: top + (style.lh - size_mm) / 2.0 + EM_ASCENT * size_mm,
            face: style.face,
            size: style.size,
            text: text.to_string(),
        });
    }

    /// Place `text` aligned within `[left, right]` and advance, wrapping and breaking pages.
    fn lines(&mut self, style: Style, align: Align, left: f32, right: f32, text: &str) {
        for line in style.wrap(text, right - left) {
            self.ensure(style.lh);
            let x = match align {
                Align::Left => left,
                Align::Center => left + (right - left - style.width(&line)) / 2.0,
                Align::Right => right - style.width(&line),
            };
            self.text_at(style, self.y, x, &line);
            self.y += style.lh;
        }
    }

    fn rule(&mut self, from: (f32, f32), to: (f32, f32), width_pt: f32) {
        self.push(Item::Rule { from, to, width_pt });
    }

    fn letterhead(&mut self, lh: &Letterhead) {
        let body = Style::body();
        let inset = body_em();
        for line in [&lh.document_number, &lh.date] {
            self.lines(body, Align::Right, MARGIN_LEFT, CONTENT_RIGHT - inset, line);
        }
        self.y += body.lh;
        let addressee = Style {
            size: 11.5,
            lh: pt_to_mm(11.5 * BODY_LEADING),
            ..body
        };
        let honorific = ["様", "殿", "御中"]
            .iter()
            .any(|h| lh.addressee.trim_end().ends_with(h));
        let addressee_text = if honorific {
            lh.addressee.trim_end().to_string()
        } else {
            format!("{}　様", lh.addressee.trim_end())
        };
        self.lines(
            addressee,
            Align::Left,
            MARGIN_LEFT + inset,
            CONTENT_RIGHT,
            &addressee_text,
        );
        self.y += body.lh;
        for line in &lh.sender_lines {
            self.lines(body, Align::Right, MARGIN_LEFT, CONTENT_RIGHT - inset, line);
        }
        self.y += body.lh * 1.2;
    }

    fn title(&mut self, title: &str, with_letterhead: bool) {
        let size = if with_letterhead {
            TITLE_PT
        } else {
            TITLE_PT_ALONE
        };
        let style = Style {
            face: Face::GothicBold,
            size,
            lh: pt_to_mm(size * 1.6),
        };
        // Long titles wrap inside a narrower measure so they read as a centred block.
        let inset = 2.0 * body_em();
        self.lines(
            style,
            Align::Center,
            MARGIN_LEFT + inset,
            CONTENT_RIGHT - inset,
            title,
        );
        self.y += body_lh() * 0.9;
    }

    fn block(&mut self, block: &Block) {
        let body = Style::body();
        match block {
            Block::Heading(text) => {
                if !self.at_page_top() {
                    self.y += body.lh * 0.25;
                }
                // Keep a heading with at least two lines of what it heads.
                let heading = Style::heading();
                let n = heading.wrap(text, CONTENT_W).len() as f32;
                self.ensure(heading.lh * (n + 2.0));
                self.lines(heading, Align::Left, MARGIN_LEFT, CONTENT_RIGHT, text);
            }
            Block::Paragraph(text) => {
                for para in text.split('\n') {
                    let indented = if para.starts_with('\u{3000}') {
                        para.to_string()
                    } else {
                        format!("\u{3000}{}", para.trim_start())
                    };
                    self.lines(body, Align::Left, MARGIN_LEFT, CONTENT_RIGHT, &indented);
                }
            }
            Block::Centered(text) => {
                self.lines(body, Align::Center, MARGIN_LEFT, CONTENT_RIGHT, text);
            }
            Block::RightAligned(text) => {
                self.lines(
                    body,
                    Align::Right,
                    MARGIN_LEFT,
                    CONTENT_RIGHT - body_em(),
                    text,
                );
            }
            Block::Spacer(mm) => {
                if self.y + mm > BODY_BOTTOM {
                    self.new_page();
                } else if !self.at_page_top() {
                    self.y += mm.max(0.0);
                }
            }
            Block::KeyValues(pairs) => self.key_values(pairs),
            Block::Table(table) => self.table(table),
            Block::Letterhead(lh) => self.letterhead(lh),
            Block::Amount { label, amount } => self.amount(label, amount),
        }
    }

    /// The boxed sum a reader looks for first (請求金額): a shaded label cell and the amount
    /// set large, centred on the text width.
    fn amount(&mut self, label: &str, amount: &str) {
        let label_style = Style {
            face: Face::GothicBold,
            size: 11.0,
            lh: pt_to_mm(11.0 * 1.4),
        };
        let amount_style = Style {
            face: Face::GothicBold,
            size: AMOUNT_PT,
            lh: pt_to_mm(AMOUNT_PT * 1.3),
        };
        let (left, right) = (MARGIN_LEFT + 12.0, CONTENT_RIGHT - 12.0);
        let label_w = label_style.width(label).max(28.0) + 4.0 * CELL_PAD_X;
        let h = amount_style.lh + 4.0 * CELL_PAD_Y;
        if !self.at_page_top() {
            self.y += 1.0;
        }
        self.ensure(h);
        let top = self.y;
        let divider = left + label_w;
        self.push(Item::Fill {
            x: left,
            top,
            w: label_w,
            h,
            grey: HEADER_GREY,
        });
        let centred =
            |style: &Style, l: f32, r: f32, text: &str| l + (r - l - style.width(text)) / 2.0;
        let x = centred(&label_style, left, divider, label);
        self.text_at(label_style, top + (h - label_style.lh) / 2.0, x, label);
        let x = centred(&amount_style, divider, right, amount);
        self.text_at(amount_style, top + (h - amount_style.lh) / 2.0, x, amount);
        let bottom = top + h;
        self.rule((divider, top), (divider, bottom), RULE_THIN_PT);
        self.rule((left, top), (right, top), RULE_TOTAL_PT);
        self.rule((left, bottom), (right, bottom), RULE_TOTAL_PT);
        self.rule((left, top), (left, bottom), RULE_TOTAL_PT);
        self.rule((right, top), (right, bottom), RULE_TOTAL_PT);
        self.y = bottom + 1.0;
    }

    fn key_values(&mut self, pairs: &[(String, String)]) {
        let body = Style::body();
        let em = body_em();
        let key_left = MARGIN_LEFT + em;
        let widest = pairs.iter().map(|(k, _)| body.width(k)).fold(0.0, f32::max);
        let key_w = (widest + 2.0 * em).min(CONTENT_W * 0.45);
        let value_left = key_left + key_w;
        for (i, (key, value)) in pairs.iter().enumerate() {
            if i > 0 || !self.at_page_top() {
                self.y += body.lh * 0.3;
            }
            let keys = body.wrap(key, key_w - em);
            let values = body.wrap(value, CONTENT_RIGHT - value_left);
            let n = keys.len().max(values.len());
            self.ensure(body.lh * n.min(3) as f32);
            for row in 0..n {
                self.ensure(body.lh);
                let top = self.y;
                if let Some(k) = keys.get(row) {
                    self.text_at(body, top, key_left, k);
                }
                if let Some(v) = values.get(row) {
                    self.text_at(body, top, value_left, v);
                }
                self.y += body.lh;
            }
        }
    }

    fn table(&mut self, table: &Table) {
        let ncols = std::iter::once(table.headers.len())
            .chain(table.rows.iter().map(Vec::len))
            .chain(table.total_row.iter().map(Vec::len))
            .max()
            .unwrap_or(0);
        if ncols == 0 {
            return;
        }
        let widths = column_widths(table, ncols);
        let mut xs = vec![MARGIN_LEFT];
        for w in &widths {
            xs.push(xs.last().copied().unwrap_or(MARGIN_LEFT) + w);
        }
        let right = |col: usize| table.right_aligned.get(col).copied().unwrap_or(false);

        let header = (!table.headers.is_empty())
            .then(|| TableRow::new(&table.headers, &widths, Face::GothicBold, |_| Align::Center));
        let rows: Vec<TableRow> = table
            .rows
            .iter()
            .map(|r| TableRow::new(r, &widths, Face::Mincho, |c| align_for(right(c))))
            .collect();
        let total = table
            .total_row
            .as_ref()
            .map(|r| TableRow::new(r, &widths, Face::GothicBold, |c| align_for(right(c))));
        let header_h = header.as_ref().map_or(0.0, |h| h.height);

        if !self.at_page_top() {
            self.y += 1.0;
        }
        let first_h = rows.first().or(total.as_ref()).map_or(0.0, |r| r.height);
        self.ensure(header_h + first_h);

        let mut segment = Segment::start(self.y);
        if let Some(h) = &header {
            self.table_row(h, &xs, Some(HEADER_GREY));
            segment.rules.push((self.y, RULE_THIN_PT));
        }
        let all = rows
            .iter()
            .map(|r| (r, false))
            .chain(total.iter().map(|t| (t, true)));
        for (row, is_total) in all {
            if self.y + row.height > BODY_BOTTOM + 0.01 && self.y > segment.top + header_h + 0.01 {
                self.close_segment(&segment, &xs);
                self.new_page();
                segment = Segment::start(self.y);
                if let Some(h) = &header {
                    self.table_row(h, &xs, Some(HEADER_GREY));
                    segment.rules.push((self.y, RULE_THIN_PT));
                }
            }
            if is_total {
                // A heavier rule above the total, as on a handwritten 請求書.
                if let Some(last) = segment.rules.last_mut() {
                    if (last.0 - self.y).abs() < 0.01 {
                        last.1 = RULE_TOTAL_PT;
                    }
                }
            }
            self.table_row(row, &xs, None);
            segment.rules.push((self.y, RULE_THIN_PT));
        }
        self.close_segment(&segment, &xs);
        self.y += 1.0;
    }

    fn table_row(&mut self, row: &TableRow, xs: &[f32], fill: Option<f32>) {
        let top = self.y;
        let left = xs[0];
        let width = xs[xs.len() - 1] - left;
        if let Some(grey) = fill {
            self.push(Item::Fill {
                x: left,
                top,
                w: width,
                h: row.height,
                grey,
            });
        }
        for (col, cell) in row.cells.iter().enumerate() {
            let (cell_left, cell_right) = (xs[col] + CELL_PAD_X, xs[col + 1] - CELL_PAD_X);
            // Centre each cell's lines vertically in the row.
            let block_h = cell.lines.len() as f32 * row.style.lh;
            let mut line_top = top + (row.height - block_h) / 2.0;
            for line in &cell.lines {
                let w = row.style.width(line);
                let x = match cell.align {
                    Align::Left => cell_left,
                    Align::Center => cell_left + (cell_right - cell_left - w) / 2.0,
                    Align::Right => cell_right - w,
                };
                self.text_at(row.style, line_top, x, line);
                line_top += row.style.lh;
            }
        }
        self.y += row.height;
    }

    fn close_segment(&mut self, segment: &Segment, xs: &[f32]) {
        let (top, bottom) = (segment.top, self.y);
        let (left, right) = (xs[0], xs[xs.len() - 1]);
        for x in &xs[1..xs.len() - 1] {
            self.rule((*x, top), (*x, bottom), RULE_THIN_PT);
        }
        for (y, w) in &segment.rules {
            if (y - bottom).abs() > 0.01 {
                self.rule((left, *y), (right, *y), *w);
            }
        }
        self.rule((left, top), (right, top), RULE_OUTER_PT);
        self.rule((left, bottom), (right, bottom), RULE_OUTER_PT);
        self.rule((left, top), (left, bottom), RULE_OUTER_PT);
        self.rule((right, top), (right, bottom), RULE_OUTER_PT);
    }

    /// The contact box (担当), bottom right of the last page.
    fn contact(&mut self, text: &str) {
        let style = Style {
            face: Face::Mincho,
            size: CONTACT_PT,
            lh: pt_to_mm(CONTACT_PT * 1.5),
        };
        let pad = 3.0;
        let lines: Vec<String> = text
            .split('\n')
            .flat_map(|l| style.wrap(l, CONTENT_W * 0.6 - 2.0 * pad))
            .collect();
        let w = lines.iter().map(|l| style.width(l)).fold(0.0, f32::max) + 2.0 * pad;
        let h = lines.len() as f32 * style.lh + 2.0 * pad;
        if self.y + 4.0 + h > BODY_BOTTOM {
            self.new_page();
        }
        let (left, top) = (CONTENT_RIGHT - w, BODY_BOTTOM - h);
        for (i, line) in lines.iter().enumerate() {
            self.text_at(style, top + pad + i as f32 * style.lh, left + pad, line);
        }
        let (right, bottom) = (CONTENT_RIGHT, BODY_BOTTOM);
        self.rule((left, top), (right, top), RULE_THIN_PT);
        self.rule((left, bottom), (right, bottom), RULE_THIN_PT);
        self.rule((left, top), (left, bottom), RULE_THIN_PT);
        self.rule((right, top), (right, bottom), RULE_THIN_PT);
        self.y = BODY_BOTTOM;
    }

    fn page_numbers(&mut self) {
        let n = self.pages.len();
        if n < 2 {
            return;
        }
        let style = Style {
            face: Face::Mincho,
            size: PAGE_NUMBER_PT,
            lh: pt_to_mm(PAGE_NUMBER_PT * 1.5),
        };
        for (i, page) in self.pages.iter_mut().enumerate() {
            let text = format!("{} / {}", i + 1, n);
            let size_mm = pt_to_mm(style.size);
            page.push(Item::Text {
                x: (PAGE_W - style.width(&text)) / 2.0,
                baseline: PAGE_NUMBER_TOP + (style.lh - size_mm) / 2.0 + EM_ASCENT * size_mm,
                face: style.face,
                size: style.size,
                text,
            });
        }
    }
}

fn align_for(right: bool) -> Align {
    if right {
        Align::Right
    } else {
        Align::Left
    }
}

/// The part of a table on one page: its top and the rules under each row.
struct Segment {
    top: f32,
    rules: Vec<(f32, f32)>,
}

impl Segment {
    fn start(top: f32) -> Self {
        Self {
            top,
            rules: Vec::new(),
        }
    }
}

struct Cell {
    lines: Vec<String>,
    align: Align,
}

struct TableRow {
    cells: Vec<Cell>,
    style: Style,
    height: f32,
}

impl TableRow {
    fn new(texts: &[String], widths: &[f32], face: Face, align: impl Fn(usize) -> Align) -> Self {
        let style = Style::cell(face);
        let cells: Vec<Cell> = widths
            .iter()
            .enumerate()
            .map(|(col, w)| Cell {
                lines: style.wrap(
                    texts.get(col).map_or("", String::as_str),
                    (w - 2.0 * CELL_PAD_X).max(style.width("あ")),
                ),
                align: align(col),
            })
            .collect();
        let n = cells
            .iter()
            .map(|c| c.lines.len())
            .max()
            .unwrap_or(1)
            .max(1);
        Self {
            height: n as f32 * style.lh + 2.0 * CELL_PAD_Y,
            cells,
            style,
        }
    }
}

/// Column widths in mm that add up to the text width. Given widths are honoured (scaled down
/// if too wide). Otherwise each column gets its natural width — its widest cell on one line —
/// and the spare width goes to the text columns, not the numbers; when the natural widths do
/// not fit, number columns keep theirs and the text columns share what remains and wrap.
pub(crate) fn column_widths(table: &Table, ncols: usize) -> Vec<f32> {
    if let Some(given) = &table.widths_mm {
        if given.len() == ncols && given.iter().all(|w| *w > 0.0) {
            let sum: f32 = given.iter().sum();
            let scale = if sum > CONTENT_W {
                CONTENT_W / sum
            } else {
                1.0
            };
            return given.iter().map(|w| w * scale).collect();
        }
    }
    let body = Style::cell(Face::Mincho);
    let bold = Style::cell(Face::GothicBold);
    let cell = |row: &[String], col: usize, style: &Style| {
        row.get(col).map_or(0.0, |t| {
            t.split('\n').map(|l| style.width(l)).fold(0.0, f32::max)
        })
    };
    let natural: Vec<f32> = (0..ncols)
        .map(|col| {
            let mut w = cell(&table.headers, col, &bold);
            for row in &table.rows {
                w = w.max(cell(row, col, &body));
            }
            if let Some(total) = &table.total_row {
                w = w.max(cell(total, col, &bold));
            }
            w.max(bold.width("あ")) + 2.0 * CELL_PAD_X + 0.5
        })
        .collect();
    let numeric: Vec<bool> = (0..ncols)
        .map(|c| table.right_aligned.get(c).copied().unwrap_or(false))
        .collect();
    // Amount columns no narrower than "99,999円" so a short column does not look cramped.
    let amount_min = body.width("99,999円") + 2.0 * CELL_PAD_X + 0.5;
    let natural: Vec<f32> = natural
        .iter()
        .zip(&numeric)
        .map(|(w, n)| if *n { w.max(amount_min) } else { *w })
        .collect();
    let flexible: Vec<usize> = {
        let text_cols: Vec<usize> = (0..ncols).filter(|c| !numeric[*c]).collect();
        if text_cols.is_empty() {
            (0..ncols).collect()
        } else {
            text_cols
        }
    };
    let total: f32 = natural.iter().sum();
    let flex_natural: f32 = flexible.iter().map(|c| natural[*c]).sum();
    let fixed = total - flex_natural;
    let mut widths = natural.clone();
    if total <= CONTENT_W {
        let spare = CONTENT_W - total;
        for c in &flexible {
            widths[*c] += spare * natural[*c] / flex_natural;
        }
    } else if CONTENT_W - fixed >= flexible.len() as f32 * 4.0 * bold.width("あ") {
        let room = CONTENT_W - fixed;
        for c in &flexible {
            widths[*c] = room * natural[*c] / flex_natural;
        }
    } else {
        for w in &mut widths {
            *w *= CONTENT_W / total;
        }
    }
    widths
}

fn lay_out(doc: &Document) -> Vec<Vec<Item>> {
    let mut c = Composer::new();
    if let Some(lh) = &doc.letterhead {
        c.letterhead(lh);
    }
    if !doc.title.is_empty() {
        c.title(&doc.title, doc.letterhead.is_some());
    }
    for block in &doc.blocks {
        c.block(block);
    }
    if let Some(footer) = doc.footer.as_deref().filter(|f| !f.trim().is_empty()) {
        c.contact(footer);
    }
    c.page_numbers();
    c.pages
}

fn pt(mm: f32) -> Pt {
    Pt(mm / MM_PER_PT)
}

fn point(x_mm: f32, y_from_top_mm: f32) -> Point {
    Point {
        x: pt(x_mm),
        y: pt(PAGE_H - y_from_top_mm),
    }
}

fn grey(g: f32) -> Color {
    Color::Greyscale(Greyscale::new(g, None))
}

/// Refuses the first drawn character its face lacks, naming it and the line it is in.
fn check_glyphs(pages: &[Vec<Item>]) -> Result<(), DocumentError> {
    for item in pages.iter().flatten() {
        if let Item::Text { face, text, .. } = item {
            if let Some(character) = fonts::first_missing(*face, text) {
                return Err(DocumentError::MissingGlyph {
                    character,
                    font: fonts::file_name(*face),
                    text: text.clone(),
                });
            }
        }
    }
    Ok(())
}

/// The PDF's info dictionary. printpdf writes dates as UTC, so a Japanese local time is
/// shifted by JST's nine hours (Japan has one zone and no daylight saving).
fn metadata(pdf: &mut PdfDocument, info: &DocumentInfo) {
    let m = &mut pdf.metadata.info;
    m.document_title = info.title.clone();
    m.author = info.author.clone();
    m.creator = "Kofu Desk".into();
    m.producer = "Kofu Desk (printpdf)".into();
    m.subject = info.subject.clone();
    let utc = info.created_at - chrono::Duration::hours(9);
    use chrono::{Datelike, Timelike};
    let stamp = printpdf::date::OffsetDateTime::new_in_offset(
        printpdf::date::Date {
            year: utc.year(),
            month: utc.month() as u8,
            day: utc.day() as u8,
        },
        printpdf::date::Time {
            hour: utc.hour() as u8,
            minute: utc.minute() as u8,
            second: utc.second() as u8,
            millisecond: 0,
        },
        printpdf::date::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    );
    m.creation_date = stamp;
    m.modification_date = stamp;
    m.metadata_date = stamp;
}

/// Lay out and render `doc`, refusing any character the fonts lack, with `info` as metadata.
pub(crate) fn render_checked(
    doc: &Document,
    info: &DocumentInfo,
) -> Result<Vec<u8>, DocumentError> {
    let pages = lay_out(doc);
    check_glyphs(&pages)?;
    Ok(to_pdf(pages, doc, Some(info)))
}

pub(crate) fn render(doc: &Document) -> Vec<u8> {
    to_pdf(lay_out(doc), doc, None)
}

fn to_pdf(pages: Vec<Vec<Item>>, doc: &Document, info: Option<&DocumentInfo>) -> Vec<u8> {
    let mut pdf = PdfDocument::new(&doc.title);
    if let Some(info) = info {
        metadata(&mut pdf, info);
    }
    let mincho = pdf.add_font(fonts::font(Face::Mincho));
    let gothic_bold = pdf.add_font(fonts::font(Face::GothicBold));
    let pdf_pages = pages
        .into_iter()
        .map(|items| {
            let mut ops = vec![
                Op::SetLineCapStyle {
                    cap: LineCapStyle::ProjectingSquare,
                },
                Op::SetOutlineColor { col: grey(0.0) },
            ];
            // Fills first so rules and text are painted over them.
            for item in &items {
                if let Item::Fill {
                    x,
                    top,
                    w,
                    h,
                    grey: g,
                } = item
                {
                    ops.push(Op::SetFillColor { col: grey(*g) });
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: pt(*x),
                            y: pt(PAGE_H - top - h),
                            width: pt(*w),
                            height: pt(*h),
                            mode: Some(PaintMode::Fill),
                            winding_order: None,
                        },
                    });
                }
            }
            ops.push(Op::SetFillColor { col: grey(0.0) });
            for item in items {
                match item {
                    Item::Fill { .. } => {}
                    Item::Rule { from, to, width_pt } => {
                        ops.push(Op::SetOutlineThickness { pt: Pt(width_pt) });
                        ops.push(Op::DrawLine {
                            line: Line {
                                points: vec![
                                    LinePoint {
                                        p: point(from.0, from.1),
                                        bezier: false,
                                    },
                                    LinePoint {
                                        p: point(to.0, to.1),
                                        bezier: false,
                                    },
                                ],
                                is_closed: false,
                            },
                        });
                    }
                    Item::Text {
                        x,
                        baseline,
                        face,
                        size,
                        text,
                    } => {
                        let font = match face {
                            Face::Mincho => mincho.clone(),
                            Face::GothicBold => gothic_bold.clone(),
                        };
                        ops.extend([
                            Op::StartTextSection,
                            Op::SetFont {
                                font: PdfFontHandle::External(font),
                                size: Pt(size),
                            },
                            Op::SetTextCursor {
                                pos: point(x, baseline),
                            },
                            Op::ShowText {
                                items: vec![TextItem::Text(text)],
                            },
                            Op::EndTextSection,
                        ]);
                    }
                }
            }
            PdfPage::new(printpdf::Mm(PAGE_W), printpdf::Mm(PAGE_H), ops)
        })
        .collect();
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    pdf.with_pages(pdf_pages).save(&options, &mut Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured_lines(text: &str) -> Vec<f32> {
        Style::body()
            .wrap(text, CONTENT_W)
            .iter()
            .map(|l| Style::body().width(l))
            .collect()
    }

    #[test]
    fn a_long_japanese_paragraph_wraps_inside_the_text_width() {
        let text = "　このことについて、証明書等自動交付事務委託契約書第7条の規定に基づき、\
                    下記のとおり交付手数料を変更しますので通知します。なお、変更後の手数料は\
                    適用年月日以降に交付されたものから適用し、それ以前の交付分については従前の例によります。";
        let widths = measured_lines(text);
        assert!(widths.len() >= 3, "the paragraph should need several lines");
        assert!(
            widths.iter().all(|w| *w <= CONTENT_W + 0.01),
            "every line must fit the {CONTENT_W} mm text width: {widths:?}"
        );
        // Full lines should be nearly full: 10.5 pt Mincho fits 44 characters in 165 mm.
        assert!(widths[0] > CONTENT_W - 2.0 * body_em(), "{widths:?}");
    }

    #[test]
    fn auto_widths_fill_the_text_width_and_give_the_spare_to_text_columns() {
        let table = Table {
            headers: vec!["証明書等".into(), "変更前".into(), "変更後".into()],
            rows: vec![vec!["住民票の写し".into(), "300円".into(), "200円".into()]],
            right_aligned: vec![false, true, true],
            ..Table::default()
        };
        let w = column_widths(&table, 3);
        assert!((w.iter().sum::<f32>() - CONTENT_W).abs() < 0.01, "{w:?}");
        assert!(w[0] > w[1] && (w[1] - w[2]).abs() < 0.01, "{w:?}");
    }

    #[test]
    fn given_widths_that_are_too_wide_are_scaled_to_fit() {
        let table = Table {
            headers: vec!["a".into(), "b".into()],
            widths_mm: Some(vec![150.0, 50.0]),
            ..Table::default()
        };
        let w = column_widths(&table, 2);
        assert!((w.iter().sum::<f32>() - CONTENT_W).abs() < 0.01, "{w:?}");
    }
}
