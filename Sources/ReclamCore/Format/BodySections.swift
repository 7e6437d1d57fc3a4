import Foundation

/// The `## ` sections of a case's body, found line by line as `FrontMatterEditor.appendToSection`
/// finds them, and the body written back with some sections' text replaced: the front-matter,
/// the headings, the other sections and the blank lines around each section's text stay
/// byte for byte as they were.
public struct BodySection: Sendable, Equatable {
    /// The heading's text, after `## `.
    public var heading: String
    /// The section's text without its leading and trailing blank lines.
    public var text: String
}

public enum BodySections {
    /// The sections of `document`'s body, in order. Text before the first `## ` heading is
    /// not a section.
    public static func sections(of document: MarkdownDocument) -> [BodySection] {
        let text = document.text
        return ranges(in: text, from: document.frontMatter.bodyRange.lowerBound).map {
            BodySection(heading: $0.heading, text: String(text[$0.core]))
        }
    }

    /// `document`'s text with the text of the sections at the given indexes replaced. A new
    /// text's line breaks become the file's; its leading and trailing blank lines are dropped.
    /// A section whose new text equals its old one is left untouched.
    public static func replacing(_ replacements: [Int: String], in document: MarkdownDocument) -> String {
        let text = document.text
        let eol = document.file.lineEnding
        var out = ""
        var position = text.startIndex
        for (index, range) in ranges(in: text, from: document.frontMatter.bodyRange.lowerBound).enumerated() {
            guard let replacement = replacements[index] else { continue }
            let new = normalised(replacement, eol: eol)
            if new == String(text[range.core]) { continue }
            out += text[position..<range.core.lowerBound]
            if range.core.isEmpty && !new.isEmpty {
                // An empty section: the text goes after a blank line, followed by one.
                out += eol + new + eol
            } else {
                out += new
            }
            position = range.core.upperBound
        }
        out += text[position...]
        return out
    }

    /// Line breaks as the file's, no blank lines around, no trailing spaces at the end.
    static func normalised(_ text: String, eol: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        var kept = Array(lines)
        while let first = kept.first, first.allSatisfy(\.isWhitespace) { kept.removeFirst() }
        while let last = kept.last, last.allSatisfy(\.isWhitespace) { kept.removeLast() }
        guard !kept.isEmpty else { return "" }
        var joined = kept.joined(separator: eol)
        while let last = joined.last, last == " " || last == "\t" { joined.removeLast() }
        return joined
    }

    /// Each section's heading and the range of its text without the blank lines around it
    /// (an empty range just after the heading's line when the section is blank).
    static func ranges(in text: String, from start: String.Index) -> [(heading: String, core: Range<String.Index>)] {
        var out: [(heading: String, core: Range<String.Index>)] = []
        var cursor = LineCursor(text)
        cursor.position = start
        var heading: String?
        var afterHeading = start
        var firstContent: String.Index?
        var lastContentEnd: String.Index?
        func close() {
            guard let heading else { return }
            if let firstContent, let lastContentEnd {
                out.append((heading, firstContent..<lastContentEnd))
            } else {
                out.append((heading, afterHeading..<afterHeading))
            }
        }
        while let next = cursor.next() {
            let content = text[next.content].trimmingTrailingSpaces
            if content.hasPrefix("## ") || content.hasPrefix("# ") {
                close()
                heading = content.hasPrefix("## ") ? content.dropFirst(3).trimmingCharacters(in: .whitespaces) : nil
                afterHeading = next.full.upperBound
                firstContent = nil
                lastContentEnd = nil
                continue
            }
            guard heading != nil, !content.allSatisfy(\.isWhitespace) else { continue }
            if firstContent == nil { firstContent = next.content.lowerBound }
            lastContentEnd = next.content.lowerBound == next.content.upperBound ? next.content.upperBound : endOfText(text, next.content)
        }
        close()
        return out
    }

    /// The end of a line's text without its trailing spaces and tabs.
    static func endOfText(_ text: String, _ range: Range<String.Index>) -> String.Index {
        var end = range.upperBound
        while end > range.lowerBound {
            let previous = text.index(before: end)
            if text[previous] == " " || text[previous] == "\t" || text[previous] == "\r" { end = previous } else { break }
        }
        return end
    }
}
