//! HTML documentation of the description -> rustdoc Markdown, as a pure function.
//!
//! The descriptions use a small HTML subset (`<p>`, `<br>`, `<ul>`/`<ol>`/`<li>`, `<a>`,
//! `<b>`, `<code>`, entities) mixed with plain newlines and Markdown backticks. Every line
//! break becomes a paragraph break, lists become Markdown lists, and whatever rustdoc would
//! misread in the remaining text (`[`, `]`, `<`, `>`, `*`, `\`, a leading `#` or fence,
//! indentation that would start a code block and so a doctest) is escaped. Raw HTML never
//! reaches rustdoc.

/// Converts a `document` to Markdown lines (no leading `///`).
pub fn html_to_markdown(html: &str) -> Vec<String> {
    let mut writer = Writer::default();
    let mut rest = html;

    while !rest.is_empty() {
        if let Some((tag, after)) = parse_tag(rest) {
            writer.tag(&tag, &mut rest, after);
            continue;
        }

        let end = next_tag_start(rest);
        writer.text(&decode_entities(&rest[..end]));
        rest = &rest[end..];
    }

    writer.finish()
}

/// Tags treated as HTML; anything else in angle brackets, such as `<ImageName>`, is text.
const KNOWN_TAGS: &[&str] = &[
    "a", "b", "br", "code", "div", "em", "font", "h1", "h2", "h3", "h4", "i", "li", "ol", "p",
    "pre", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
];

/// A parsed tag: lower-case name, whether it closes, and its `href` if any.
#[derive(Debug, PartialEq)]
struct Tag {
    name: String,
    closing: bool,
    href: Option<String>,
}

/// Parses a tag at the start of `input`; `None` when `input` does not start with one.
fn parse_tag(input: &str) -> Option<(Tag, &str)> {
    let body = input.strip_prefix('<')?;
    let (closing, body) = match body.strip_prefix('/') {
        Some(body) => (true, body),
        None => (false, body),
    };
    if !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let end = body.find('>')?;
    let inside = &body[..end];
    if inside.contains('<') {
        return None;
    }

    let name_end = inside
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inside.len());
    let name = inside[..name_end].to_ascii_lowercase();
    if !KNOWN_TAGS.contains(&name.as_str()) {
        return None;
    }
    let href = attribute(&inside[name_end..], "href").map(|value| decode_entities(&value));

    Some((
        Tag {
            name,
            closing,
            href,
        },
        &body[end + 1..],
    ))
}

/// The value of `name="..."` (or single quotes) in a tag's attribute text.
fn attribute(attributes: &str, name: &str) -> Option<String> {
    let lower = attributes.to_ascii_lowercase();
    let start = lower.find(&format!("{name}="))? + name.len() + 1;
    let value = &attributes[start..];
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &value[1..];
    let end = value.find(quote)?;
    Some(value[..end].to_owned())
}

/// Where the next tag starts, or the end of the input.
fn next_tag_start(input: &str) -> usize {
    let mut offset = 0;
    while let Some(found) = input[offset..].find('<') {
        let at = offset + found;
        if at > 0 && parse_tag(&input[at..]).is_some() {
            return at;
        }
        offset = at + 1;
    }
    input.len()
}

/// Decodes the entities the descriptions use; unknown entities stay as written.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').filter(|end| *end <= 10).and_then(|end| {
            let entity = &rest[1..end];
            let ch = match entity {
                "quot" => Some('"'),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => entity.strip_prefix('#').and_then(|number| {
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => number.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            ch.map(|ch| (ch, end))
        });
        match decoded {
            Some((ch, end)) => {
                out.push(ch);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escapes text for Markdown, leaving backtick code spans as written and turning bare
/// URLs into autolinks.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut index = 0;
    let bytes = text.as_bytes();

    while index < text.len() {
        let rest = &text[index..];

        if rest.starts_with('`') {
            let run = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..run];
            if let Some(close) = rest[run..].find(fence) {
                let end = run + close + run;
                out.push_str(&rest[..end]);
                index += end;
                continue;
            }
            out.push_str(fence);
            index += run;
            continue;
        }

        if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest
                .find(|c: char| c.is_whitespace() || "\"'<>()[]`，。".contains(c))
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            index += url.len();
            continue;
        }

        let ch = rest.chars().next().unwrap_or_default();
        match ch {
            '\\' | '[' | ']' | '<' | '>' | '*' | '|' => {
                out.push('\\');
                out.push(ch);
            }
            '&' if bytes
                .get(index + 1)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'#') =>
            {
                out.push_str("\\&");
            }
            _ => out.push(ch),
        }
        index += ch.len_utf8();
    }

    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum ListKind {
    Bullet,
    Numbered(u32),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum BlockKind {
    Paragraph,
    Item,
    Code,
}

/// Collects Markdown lines: inline text of the current block, then whole blocks.
#[derive(Default)]
struct Writer {
    lines: Vec<String>,
    inline: String,
    last_block: Option<BlockKind>,
    lists: Vec<ListKind>,
    item_prefix: Option<String>,
    link_starts: Vec<(usize, Option<String>)>,
}

impl Writer {
    fn tag<'a>(&mut self, tag: &Tag, rest: &mut &'a str, after: &'a str) {
        *rest = after;

        match (tag.name.as_str(), tag.closing) {
            ("p" | "div" | "br" | "h1" | "h2" | "h3" | "h4" | "tr", _) => self.flush(),
            ("ul", false) => {
                self.flush();
                self.lists.push(ListKind::Bullet);
            }
            ("ol", false) => {
                self.flush();
                self.lists.push(ListKind::Numbered(1));
            }
            ("ul" | "ol", true) => {
                self.flush();
                self.lists.pop();
            }
            ("li", false) => {
                self.flush();
                let prefix = match self.lists.last_mut() {
                    Some(ListKind::Numbered(next)) => {
                        let prefix = format!("{next}. ");
                        *next += 1;
                        prefix
                    }
                    _ => "- ".to_owned(),
                };
                self.item_prefix = Some(prefix);
            }
            ("li", true) => self.flush(),
            ("b" | "strong", _) => self.inline.push_str("**"),
            ("i" | "em", _) => self.inline.push('*'),
            ("a", false) => self.link_starts.push((self.inline.len(), tag.href.clone())),
            ("a", true) => self.close_link(),
            ("code", false) => {
                let (code, remaining) = raw_until(after, "code");
                self.code_span(&code);
                *rest = remaining;
            }
            ("pre", false) => {
                let (code, remaining) = raw_until(after, "pre");
                self.code_block(&code);
                *rest = remaining;
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        let mut first = true;
        for line in text.split('\n') {
            if !first {
                self.flush();
            }
            first = false;

            let collapsed = line.split_whitespace().collect::<Vec<_>>().join(" ");
            if collapsed.is_empty() {
                if !line.is_empty() && !self.inline.is_empty() && !self.inline.ends_with(' ') {
                    self.inline.push(' ');
                }
                continue;
            }
            let starts_with_space = line.starts_with(char::is_whitespace);
            let ends_with_space = line.ends_with(char::is_whitespace);
            if starts_with_space && !self.inline.is_empty() && !self.inline.ends_with(' ') {
                self.inline.push(' ');
            }
            self.inline.push_str(&escape_inline(&collapsed));
            if ends_with_space {
                self.inline.push(' ');
            }
        }
    }

    fn close_link(&mut self) {
        let Some((start, href)) = self.link_starts.pop() else {
            return;
        };
        let Some(href) = href.filter(|h| !h.is_empty()) else {
            return;
        };
        let start = start.min(self.inline.len());
        let label = self.inline[start..].trim().to_owned();
        let label = if label.is_empty() {
            escape_inline(&href)
        } else {
            label
        };
        let target = if href.contains([' ', '(', ')', '<', '>']) {
            format!("<{}>", href.replace(['<', '>'], ""))
        } else {
            href
        };
        self.inline.truncate(start);
        self.inline.push_str(&format!("[{label}]({target})"));
    }

    fn code_span(&mut self, code: &str) {
        let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
        if code.is_empty() {
            return;
        }
        let ticks = if code.contains('`') { "``" } else { "`" };
        let pad = if code.starts_with('`') || code.ends_with('`') {
            " "
        } else {
            ""
        };
        self.inline
            .push_str(&format!("{ticks}{pad}{code}{pad}{ticks}"));
    }

    fn code_block(&mut self, code: &str) {
        self.flush();
        self.separate(BlockKind::Code);
        self.lines.push("```text".to_owned());
        for line in code.trim_matches('\n').lines() {
            self.lines.push(line.replace("```", "` ` `"));
        }
        self.lines.push("```".to_owned());
        self.last_block = Some(BlockKind::Code);
    }

    /// Ends the current paragraph or list item.
    fn flush(&mut self) {
        while !self.link_starts.is_empty() {
            self.close_link();
        }

        let text = self.inline.trim().to_owned();
        self.inline.clear();
        if text.is_empty() {
            return;
        }
        let text = escape_line_start(&text);

        match self.item_prefix.take() {
            Some(prefix) => {
                self.separate(BlockKind::Item);
                self.lines.push(format!("{prefix}{text}"));
                self.last_block = Some(BlockKind::Item);
            }
            None => {
                self.separate(BlockKind::Paragraph);
                self.lines.push(text);
                self.last_block = Some(BlockKind::Paragraph);
            }
        }
    }

    /// Adds the blank line a new block needs after the previous one.
    fn separate(&mut self, next: BlockKind) {
        match (self.last_block, next) {
            (None, _) | (Some(BlockKind::Item), BlockKind::Item) => {}
            _ => self.lines.push(String::new()),
        }
    }

    fn finish(mut self) -> Vec<String> {
        self.flush();
        self.lines
    }
}

/// Text up to the closing tag `name`, entities decoded, and what follows that tag.
fn raw_until<'a>(input: &'a str, name: &str) -> (String, &'a str) {
    let lower = input.to_ascii_lowercase();
    let closing = format!("</{name}>");
    match lower.find(&closing) {
        Some(at) => {
            let inner = strip_tags(&input[..at]);
            (decode_entities(&inner), &input[at + closing.len()..])
        }
        None => (decode_entities(&strip_tags(input)), ""),
    }
}

/// Removes tags from text, keeping what is between them.
fn strip_tags(input: &str) -> String {
    let mut out = String::new();
    let mut rest = input;
    while !rest.is_empty() {
        if let Some((_, after)) = parse_tag(rest) {
            rest = after;
            continue;
        }
        let end = next_tag_start(rest);
        out.push_str(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

/// Escapes what would turn a line into a heading, a setext underline or a code fence.
fn escape_line_start(line: &str) -> String {
    if line.starts_with(['#', '=', '+', '~']) || line.starts_with("```") || is_rule(line) {
        format!("\\{line}")
    } else {
        line.to_owned()
    }
}

/// Whether a line alone would be a thematic break or setext underline (`---`, `___`).
fn is_rule(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 2 && (compact.chars().all(|c| c == '-') || compact.chars().all(|c| c == '_'))
}

/// Wraps Markdown lines at `width` columns without changing what they render: breaks only
/// at spaces, never before a word that would start a list, heading, quote or fence, never
/// inside a code block, and indents list item continuations under the item's text.
pub fn wrap_markdown(lines: &[String], width: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    let mut in_code = false;

    for line in lines {
        if line.starts_with("```") {
            in_code = !in_code;
            out.push(line.clone());
            continue;
        }
        if in_code || line.chars().count() <= width {
            out.push(line.clone());
            continue;
        }

        let indent = list_prefix_width(line);
        let mut current = String::new();
        for word in line.split(' ') {
            if current.is_empty() {
                current.push_str(word);
                continue;
            }
            let fits = current.chars().count() + 1 + word.chars().count() <= width;
            if fits || !safe_line_start(word) || current.trim().is_empty() {
                current.push(' ');
                current.push_str(word);
                continue;
            }
            out.push(current);
            current = format!("{}{word}", " ".repeat(indent));
        }
        out.push(current);
    }

    out
}

/// How far a list item's text is indented: 2 for `- x`, 3 for `1. x`, 0 otherwise.
fn list_prefix_width(line: &str) -> usize {
    if line.starts_with("- ") {
        return 2;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with(". ") {
        return digits + 2;
    }
    0
}

/// Whether a word can begin a continuation line without turning it into another block.
fn safe_line_start(word: &str) -> bool {
    if word.is_empty() || word.starts_with(['-', '+', '*', '#', '=', '>', '|', '~', '`', '<']) {
        return false;
    }
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    !(digits > 0 && word[digits..].starts_with(['.', ')']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_long_lines_where_markdown_allows() {
        let lines = |text: &[&str]| text.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let cases: &[(&[&str], &[&str])] = &[
            (&["tiny one"], &["tiny one"]),
            (&["aaa bbb ccc ddd"], &["aaa bbb", "ccc ddd"]),
            (&["- aaa bbb ccc"], &["- aaa bbb", "  ccc"]),
            (&["12. aaa bbb ccc"], &["12. aaa", "    bbb", "    ccc"]),
            (&["aaa bbbb - ccc"], &["aaa bbbb -", "ccc"]),
            (&["aaa bbbb 1. ccc"], &["aaa bbbb 1.", "ccc"]),
            (
                &["```text", "aaa bbb ccc ddd", "```"],
                &["```text", "aaa bbb ccc ddd", "```"],
            ),
            (&["aaaaaaaaaaaa"], &["aaaaaaaaaaaa"]),
        ];
        for (input, expected) in cases {
            assert_eq!(
                wrap_markdown(&lines(input), 9),
                lines(expected),
                "{input:?}"
            );
        }
    }

    #[test]
    fn converts_the_html_the_descriptions_use() {
        let cases: &[(&str, &[&str])] = &[
            ("Event ID", &["Event ID"]),
            ("", &[]),
            ("<p>Cluster ID.</p>", &["Cluster ID."]),
            ("<p>One.</p><p>Two.</p>", &["One.", "", "Two."]),
            (
                "<p>Status.<br>&quot;A&quot;: open<br>&quot;B&quot;: closed</p>",
                &["Status.", "", "\"A\": open", "", "\"B\": closed"],
            ),
            (
                "Filter\n<li>`Name` - String - Optional</li>\n<li>Level- String</li>",
                &[
                    "Filter",
                    "",
                    "- `Name` - String - Optional",
                    "- Level- String",
                ],
            ),
            (
                "<p>Scope</p><ul><li>ALL: everything</li><li>NONE</li></ul><p>After.</p>",
                &["Scope", "", "- ALL: everything", "- NONE", "", "After."],
            ),
            (
                "<ol><li>first</li><li>second</li></ol>",
                &["1. first", "2. second"],
            ),
            (
                "See <a href=\"https://example.com/doc\">the guide</a>.",
                &["See [the guide](https://example.com/doc)."],
            ),
            ("<b>Note</b>: <code>a &lt; b</code>", &["**Note**: `a < b`"]),
            (
                "Value like [\"a\"] or <Name>",
                &["Value like \\[\"a\"\\] or \\<Name\\>"],
            ),
            ("Use `[\"a\"]` as is", &["Use `[\"a\"]` as is"]),
            ("clsfoo*** and a\\b", &["clsfoo\\*\\*\\* and a\\\\b"]),
            (
                "Visit https://cloud.example.com/x.",
                &["Visit <https://cloud.example.com/x>."],
            ),
            (
                "deprecated\n\nCreate it.",
                &["deprecated", "", "Create it."],
            ),
            (
                "   indented code?\n    more",
                &["indented code?", "", "more"],
            ),
            ("# not a heading", &["\\# not a heading"]),
            (
                "```rust\nfn x() {}\n```",
                &["\\```rust", "", "fn x() {}", "", "\\```"],
            ),
            ("a\n---", &["a", "", "\\---"]),
            (
                "{&quot;k&quot;:&quot;v&quot;} &amp; &#39;q&#39; &unknown;",
                &["{\"k\":\"v\"} & 'q' \\&unknown;"],
            ),
            ("<span style=\"x\">kept</span> text", &["kept text"]),
            ("1 < 2 and 3 > 2", &["1 \\< 2 and 3 \\> 2"]),
            (
                "<pre>line 1\n  line 2</pre>",
                &["```text", "line 1", "  line 2", "```"],
            ),
        ];

        for (html, expected) in cases {
            assert_eq!(html_to_markdown(html), *expected, "{html:?}");
        }
    }
}
