//! The PDF printer for a `Document` (a summary, a brief): A4 pages laid out here, drawn with
//! krilla and DejaVu Sans.

// Why this route: the CLI has no window, so WebKit's print dialog is not an option, and an
// external converter (wkhtmltopdf, a headless browser, LaTeX) would be one more program to
// install and one more place the note text goes. krilla writes PDF in pure Rust; the two font
// files are compiled into the binary and krilla embeds only the glyphs used (a subset), so a
// summary prints offline, with no system fonts and no external program, and the same summary
// always gives the same bytes (no creation date; krilla's file ids are hashes of the content).
//
// Why one file of this size: the layout and the drawing share the font metrics and must agree
// to the glyph; about a fifth of it is the layout's unit tests.
//
// Layout and drawing are separate so the layout can be tested without reading PDF: `layout`
// turns a document into positioned text `Run`s, `draw` paints them. The layout places every glyph
// at the advance the font gives it and `draw` uses the very same advances, so a measured line is
// exactly as wide as the drawn one. There is no shaping (no kerning, ligatures or right-to-left
// reordering): plain left-to-right lines are what a summary needs, and it keeps rustybuzz out of
// the binary. A character DejaVu Sans does not have (CJK, say) is drawn as the font's empty box.

use std::io::{self, Write};

use chrono::TimeZone;
use krilla::color::rgb;
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::Document as PdfDocument;
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};

use crate::document::{Block, Document};
use crate::summary::{one_line, provenance_text, Line};

const REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

/// A4 portrait, in PDF points (1/72 inch).
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
/// Left and right margin (about 22 mm).
pub const MARGIN_X: f32 = 64.0;
/// Baselines of body text lie between these two (top margin about 20 mm, bottom about 28 mm,
/// which leaves room for the footer).
pub const TOP: f32 = 58.0;
pub const BOTTOM: f32 = PAGE_HEIGHT - 80.0;
/// Baseline of the "Page N of M" footer.
const FOOTER_Y: f32 = PAGE_HEIGHT - 42.0;
/// Where list text starts, right of the bullet or footnote number.
const INDENT: f32 = 16.0;

const INK: (u8, u8, u8) = (0x1d, 0x23, 0x2b);
const GREY: (u8, u8, u8) = (0x5b, 0x64, 0x70);

/// How a piece of text looks. `raise` lifts it above the baseline (footnote numbers).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Look {
    size: f32,
    bold: bool,
    grey: bool,
    raise: f32,
}

const fn look(size: f32, bold: bool, grey: bool) -> Look {
    Look {
        size,
        bold,
        grey,
        raise: 0.0,
    }
}

const TITLE: Look = look(22.0, true, false);
const RANGE: Look = look(11.0, false, true);
const PARTNER: Look = look(15.0, true, false);
const SECTION: Look = look(11.5, true, false);
const BODY: Look = look(10.5, false, false);
const DETAIL: Look = look(10.5, false, true);
const MARK: Look = Look {
    raise: 3.5,
    ..look(7.0, false, true)
};
const NOTE: Look = look(9.0, false, true);
const FOOTER: Look = look(8.5, false, true);

/// Line height as a multiple of the font size.
const LEADING: f32 = 1.4;

/// One line of text in one look at one place: what `draw` paints.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// 1-based page number.
    pub page: usize,
    /// Left edge, from the left of the page.
    pub x: f32,
    /// Baseline, from the top of the page.
    pub y: f32,
    /// Font size in points.
    pub size: f32,
    pub bold: bool,
    pub grey: bool,
    /// Advance width of `text`, in points.
    pub width: f32,
    pub text: String,
}

/// A summary laid out on pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub pages: usize,
    pub runs: Vec<Run>,
}

/// A font parsed for measuring: the glyph for a character and its advance.
struct Face {
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    units_per_em: f32,
}

impl Face {
    fn parse(data: &'static [u8]) -> io::Result<Face> {
        let font = FontRef::new(data).map_err(|_| font_error())?;
        let units_per_em = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        if units_per_em <= 0.0 {
            return Err(font_error());
        }
        Ok(Face {
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em,
        })
    }

    /// The glyph for `c` (the empty box, glyph 0, when the font lacks it) and its advance in
    /// ems.
    fn glyph(&self, c: char) -> (u32, f32) {
        let glyph = self.charmap.map(c).unwrap_or_default();
        let advance = self.metrics.advance_width(glyph).unwrap_or(0.0) / self.units_per_em;
        (glyph.to_u32(), advance)
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(c).1).sum::<f32>() * size
    }
}

fn font_error() -> io::Error {
    io::Error::other("the PDF font could not be read")
}

struct Faces {
    regular: Face,
    bold: Face,
}

impl Faces {
    fn load() -> io::Result<Faces> {
        Ok(Faces {
            regular: Face::parse(REGULAR)?,
            bold: Face::parse(BOLD)?,
        })
    }

    fn face(&self, bold: bool) -> &Face {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    fn width(&self, text: &str, look: Look) -> f32 {
        self.face(look.bold).width(text, look.size)
    }
}

/// A word to set. `glued` words follow the previous one without a space (footnote numbers).
struct Word {
    text: String,
    look: Look,
    glued: bool,
}

fn words(text: &str, look: Look) -> impl Iterator<Item = Word> + '_ {
    text.split_whitespace().map(move |w| Word {
        text: w.to_owned(),
        look,
        glued: false,
    })
}

/// The page being filled and everything placed so far.
struct Pen<'f> {
    faces: &'f Faces,
    page: usize,
    /// Baseline of the last line placed; `TOP` on a fresh page.
    y: f32,
    runs: Vec<Run>,
}

impl Pen<'_> {
    fn new_page(&mut self) {
        self.page += 1;
        self.y = TOP;
    }

    /// Starts a block `gap` below the last line, on a new page when the block's first `keep`
    /// points would not fit (so a heading is never left alone at the foot of a page). A fresh
    /// page gets no gap.
    fn block(&mut self, gap: f32, keep: f32) {
        if self.y + gap + keep > BOTTOM {
            self.new_page();
        } else if self.y > TOP {
            self.y += gap;
        }
    }

    /// Moves down one line of `height`, to a new page if it would pass the bottom margin.
    fn next_line(&mut self, height: f32) -> f32 {
        if self.y + height > BOTTOM && self.y > TOP {
            self.new_page();
        }
        self.y += height;
        self.y
    }

    fn run(&mut self, x: f32, y: f32, look: Look, text: String) {
        let width = self.faces.width(&text, look);
        self.runs.push(Run {
            page: self.page,
            x,
            y: y - look.raise,
            size: look.size,
            bold: look.bold,
            grey: look.grey,
            width,
            text,
        });
    }

    /// Sets `words` in lines from `x` to the right margin, greedily, breaking a word that is
    /// wider than a whole line between characters. `label` (a bullet, a footnote number) goes
    /// left of the first line at `label_x`. Line height follows `line_look`.
    fn paragraph(&mut self, x: f32, words: Vec<Word>, line_look: Look, label: Option<(f32, Word)>) {
        let max = PAGE_WIDTH - MARGIN_X - x;
        let mut lines: Vec<Vec<(f32, Word)>> = Vec::new();
        let mut line: Vec<(f32, Word)> = Vec::new();
        let mut used = 0.0;
        for word in words {
            let space = if word.glued || line.is_empty() {
                0.0
            } else {
                self.faces.width(" ", word.look)
            };
            let width = self.faces.width(&word.text, word.look);
            if used + space + width <= max {
                line.push((used + space, word));
                used += space + width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if width <= max {
                used = width;
                line.push((0.0, word));
                continue;
            }
            // A word longer than the line: as many characters per line as fit (at least one).
            let mut piece = String::new();
            let mut piece_width = 0.0;
            for c in word.text.chars() {
                let w = self.faces.face(word.look.bold).glyph(c).1 * word.look.size;
                if !piece.is_empty() && piece_width + w > max {
                    let text = std::mem::take(&mut piece);
                    let look = word.look;
                    let glued = false;
                    lines.push(vec![(0.0, Word { text, look, glued })]);
                    piece_width = 0.0;
                }
                piece.push(c);
                piece_width += w;
            }
            used = piece_width;
            line.push((
                0.0,
                Word {
                    text: piece,
                    look: word.look,
                    glued: false,
                },
            ));
        }
        if !line.is_empty() {
            lines.push(line);
        }
        let height = line_look.size * LEADING;
        let mut label = label;
        for line in lines {
            let y = self.next_line(height);
            if let Some((label_x, word)) = label.take() {
                self.run(label_x, y, word.look, word.text);
            }
            // Consecutive words in one look become one run; the spaces between them are drawn
            // with the same advance the layout measured.
            let mut current: Option<(f32, Look, String)> = None;
            for (offset, word) in line {
                match &mut current {
                    Some((_, look, text)) if *look == word.look => {
                        if !word.glued {
                            text.push(' ');
                        }
                        text.push_str(&word.text);
                    }
                    _ => {
                        if let Some((run_x, look, text)) = current.take() {
                            self.run(run_x, y, look, text);
                        }
                        current = Some((x + offset, word.look, word.text));
                    }
                }
            }
            if let Some((run_x, look, text)) = current {
                self.run(run_x, y, look, text);
            }
        }
    }
}

/// Lays `document` out on A4 pages: the same content, in the same order, as the Markdown printer.
/// Dates are printed in `tz`.
pub fn layout<Tz: TimeZone>(document: &Document, tz: &Tz) -> io::Result<Layout>
where
    Tz::Offset: std::fmt::Display,
{
    let faces = Faces::load()?;
    let mut pen = Pen {
        faces: &faces,
        page: 1,
        y: TOP,
        runs: Vec::new(),
    };
    let body_line = BODY.size * LEADING;
    let mut notes: Vec<String> = Vec::new();
    let mut list = |pen: &mut Pen, group: &[Line]| {
        for l in group {
            notes.push(provenance_text(&l.provenance, tz));
            let mut item: Vec<Word> = words(&one_line(&l.text), BODY).collect();
            if !l.detail.is_empty() {
                item.extend(words(&format!("({})", l.detail), DETAIL));
            }
            item.push(Word {
                text: notes.len().to_string(),
                look: MARK,
                glued: true,
            });
            let bullet = Word {
                text: "•".into(),
                look: BODY,
                glued: false,
            };
            pen.paragraph(MARGIN_X + INDENT, item, BODY, Some((MARGIN_X, bullet)));
            pen.y += 2.0;
        }
    };

    pen.paragraph(
        MARGIN_X,
        words(&document.title, TITLE).collect(),
        TITLE,
        None,
    );
    if !document.subtitle.is_empty() {
        pen.paragraph(
            MARGIN_X,
            words(&document.subtitle, RANGE).collect(),
            RANGE,
            None,
        );
    }
    for block in &document.blocks {
        match block {
            Block::Heading(text) => {
                // A heading keeps two lines of what follows with it.
                pen.block(18.0, PARTNER.size * LEADING + 2.0 * body_line);
                pen.paragraph(MARGIN_X, words(text, PARTNER).collect(), PARTNER, None);
            }
            Block::Section(text) => {
                pen.block(8.0, SECTION.size * LEADING + body_line);
                pen.paragraph(MARGIN_X, words(text, SECTION).collect(), SECTION, None);
            }
            Block::Text(text) => {
                pen.paragraph(MARGIN_X, words(text, BODY).collect(), BODY, None);
            }
            Block::Lines(lines) => list(&mut pen, lines),
            Block::Items(items) => {
                for item in items {
                    let mut words_of: Vec<Word> = words(&one_line(&item.text), BODY).collect();
                    if !item.detail.is_empty() {
                        words_of.extend(words(&format!("({})", item.detail), DETAIL));
                    }
                    let bullet = Word {
                        text: "•".into(),
                        look: BODY,
                        glued: false,
                    };
                    pen.paragraph(MARGIN_X + INDENT, words_of, BODY, Some((MARGIN_X, bullet)));
                    pen.y += 2.0;
                }
            }
        }
    }
    if !notes.is_empty() {
        pen.block(18.0, NOTE.size * LEADING);
        // The numbers are right-aligned in a column as wide as the widest one.
        let column = faces.width(&format!("{}.", notes.len()), NOTE);
        for (index, note) in notes.iter().enumerate() {
            let number = format!("{}.", index + 1);
            let number_x = MARGIN_X + column - faces.width(&number, NOTE);
            let number = Word {
                text: number,
                look: NOTE,
                glued: false,
            };
            pen.paragraph(
                MARGIN_X + column + 6.0,
                words(note, NOTE).collect(),
                NOTE,
                Some((number_x, number)),
            );
        }
    }

    // The page count is known only now, so the footers go on last.
    let pages = pen.page;
    for page in 1..=pages {
        let text = format!("Page {page} of {pages}");
        let width = faces.width(&text, FOOTER);
        pen.page = page;
        pen.run((PAGE_WIDTH - width) / 2.0, FOOTER_Y, FOOTER, text);
    }
    Ok(Layout {
        pages,
        runs: pen.runs,
    })
}

fn pdf_error() -> io::Error {
    // krilla's errors can name glyphs and positions; the message stays generic on purpose.
    io::Error::other("the PDF could not be written")
}

/// Paints a layout into PDF bytes. The document carries a title and no date, so equal layouts
/// give equal bytes.
pub fn draw(layout: &Layout, title: &str) -> io::Result<Vec<u8>> {
    let faces = Faces::load()?;
    let regular = Font::new(REGULAR.into(), 0).ok_or_else(font_error)?;
    let bold = Font::new(BOLD.into(), 0).ok_or_else(font_error)?;
    let mut document = PdfDocument::new();
    document.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language("en".into()),
    );
    for page_number in 1..=layout.pages {
        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or_else(pdf_error)?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for run in layout.runs.iter().filter(|r| r.page == page_number) {
            let face = faces.face(run.bold);
            let glyphs: Vec<KrillaGlyph> = run
                .text
                .char_indices()
                .map(|(at, c)| {
                    let (glyph, advance) = face.glyph(c);
                    KrillaGlyph {
                        glyph_id: GlyphId::new(glyph),
                        text_range: at..at + c.len_utf8(),
                        x_advance: advance,
                        x_offset: 0.0,
                        y_offset: 0.0,
                        y_advance: 0.0,
                        location: None,
                    }
                })
                .collect();
            let (r, g, b) = if run.grey { GREY } else { INK };
            surface.set_fill(Some(Fill {
                paint: rgb::Color::new(r, g, b).into(),
                opacity: NormalizedF32::ONE,
                rule: Default::default(),
            }));
            let font = if run.bold { &bold } else { &regular };
            surface.draw_glyphs(
                Point::from_xy(run.x, run.y),
                &glyphs,
                font.clone(),
                &run.text,
                run.size,
                false,
            );
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|_| pdf_error())
}

/// Prints `document` as a PDF into `out`.
pub fn write_pdf<Tz: TimeZone>(document: &Document, tz: &Tz, out: &mut dyn Write) -> io::Result<()>
where
    Tz::Offset: std::fmt::Display,
{
    let bytes = draw(&layout(document, tz)?, &document.full_title())?;
    out.write_all(&bytes)
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::*;
    use crate::meetings::MeetingId;
    use crate::partners::{PartnerId, PartnerRef};
    use crate::summary::{CadenceLine, PartnerSummary, Provenance, Summary};

    fn line(n: usize, text: &str) -> Line {
        Line {
            key: format!("action:{n}"),
            text: text.to_owned(),
            detail: "mine, open".into(),
            provenance: Provenance::Meeting {
                id: MeetingId(1),
                at: Utc.with_ymd_and_hms(2025, 2, 3, 10, 0, 0).unwrap(),
            },
        }
    }

    fn summary(actions: Vec<Line>) -> Summary {
        Summary {
            from: NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2025, 2, 28).unwrap(),
            partners: vec![PartnerSummary {
                partner: PartnerRef {
                    id: PartnerId(1),
                    name: "Priya Raman".into(),
                },
                role: Some("Quality Director".into()),
                cadence: CadenceLine {
                    intended_days: Some(14),
                    held: 1,
                    expected: Some(2),
                },
                decisions: vec![],
                actions,
                wins: vec![],
                support: vec![],
                notes: vec![],
            }],
            problems: vec![],
            included: vec![],
        }
    }

    fn assert_inside_the_page(layout: &Layout) {
        for run in &layout.runs {
            assert!(run.page >= 1 && run.page <= layout.pages, "{run:?}");
            assert!(run.x >= MARGIN_X - 0.01, "{run:?}");
            assert!(run.x + run.width <= PAGE_WIDTH - MARGIN_X + 0.01, "{run:?}");
            assert!(run.y > TOP && run.y <= PAGE_HEIGHT - 40.0, "{run:?}");
            if !run.text.starts_with("Page ") {
                assert!(run.y <= BOTTOM, "{run:?}");
            }
        }
    }

    #[test]
    fn a_long_line_wraps_within_the_margins() {
        let text = "Agree with the platform team on a shared definition of done for the \
                    integration environment and publish it where both teams can find it, \
                    then review it together at the end of the quarter";
        let layout = layout(&summary(vec![line(1, text)]).document(), &Utc).unwrap();
        assert_inside_the_page(&layout);
        let body: Vec<&Run> = layout
            .runs
            .iter()
            .filter(|r| {
                r.size == BODY.size && !r.grey && r.text != "•" && !r.text.starts_with("Cadence")
            })
            .collect();
        assert!(body.len() >= 2, "{body:?}");
        // Every word survives the wrapping, in order.
        let joined = body.iter().map(|r| r.text.as_str()).collect::<Vec<_>>();
        assert!(joined.join(" ").starts_with(text), "{joined:?}");
        // Continuation lines hang under the text, not under the bullet.
        assert!(body.iter().all(|r| r.x == MARGIN_X + INDENT), "{body:?}");
    }

    #[test]
    fn a_word_longer_than_a_line_is_broken() {
        let word = "x".repeat(300);
        let layout = layout(&summary(vec![line(1, &word)]).document(), &Utc).unwrap();
        assert_inside_the_page(&layout);
        let pieces: Vec<&Run> = layout
            .runs
            .iter()
            .filter(|r| r.text.starts_with("xx"))
            .collect();
        assert!(pieces.len() >= 3, "{pieces:?}");
        let rejoined: String = pieces.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(rejoined, word);
    }

    #[test]
    fn two_hundred_actions_span_several_numbered_pages() {
        let actions = (1..=200)
            .map(|n| line(n, &format!("Action number {n} with a few more words to it")))
            .collect();
        let layout = layout(&summary(actions).document(), &Utc).unwrap();
        assert!(layout.pages >= 4, "{} pages", layout.pages);
        assert_inside_the_page(&layout);
        for page in 1..=layout.pages {
            let footer = format!("Page {page} of {}", layout.pages);
            assert!(
                layout
                    .runs
                    .iter()
                    .any(|r| r.page == page && r.text == footer),
                "{footer}"
            );
        }
        // No two lines on a page share a baseline and overlap.
        for (i, a) in layout.runs.iter().enumerate() {
            for b in &layout.runs[i + 1..] {
                if a.page == b.page && (a.y - b.y).abs() < 0.01 {
                    assert!(
                        a.x + a.width <= b.x + 0.01 || b.x + b.width <= a.x + 0.01,
                        "{a:?} overlaps {b:?}"
                    );
                }
            }
        }
        // The footnotes are all there, after the last action.
        let last = layout
            .runs
            .iter()
            .filter(|r| r.text == "200.")
            .collect::<Vec<_>>();
        assert_eq!(last.len(), 1);
    }

    #[test]
    fn the_same_summary_gives_the_same_bytes() {
        let s = summary(vec![
            line(1, "Send the WIP numbers"),
            line(2, "Zoë Ørsted, Дмитрий"),
        ]);
        let mut first = Vec::new();
        let mut second = Vec::new();
        write_pdf(&s.document(), &Utc, &mut first).unwrap();
        write_pdf(&s.document(), &Utc, &mut second).unwrap();
        assert!(first.starts_with(b"%PDF-"), "{:?}", &first[..8]);
        assert_eq!(first, second);
        // Subset fonts: a one-page summary stays small although the fonts are 1.4 MB.
        assert!(first.len() < 60_000, "{} bytes", first.len());
    }

    #[test]
    fn an_empty_summary_is_a_title_and_a_range() {
        let empty = Summary {
            partners: vec![],
            ..summary(vec![])
        };
        let layout = layout(&empty.document(), &Utc).unwrap();
        let texts: Vec<&str> = layout.runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Partnership summary",
                "2025-02-01 to 2025-02-28",
                "Page 1 of 1"
            ]
        );
    }
}
