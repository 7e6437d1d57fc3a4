import Foundation

/// The split of a Markdown file into YAML front-matter and body.
///
/// Ranges are kept into the original text so that an edit can replace exactly the bytes it
/// must and leave every other byte (comments, quoting, line endings) as the user wrote it.
public struct FrontMatter: Sendable {
    public enum Problem: Error, Sendable, Equatable {
        case missing
        case unclosed(openedAt: Int)

        public var rule: String {
            switch self {
            case .missing: "frontmatter-missing"
            case .unclosed: "frontmatter-unclosed"
            }
        }

        public var message: String {
            switch self {
            case .missing:
                "no front-matter: the file must start with a line '---', then YAML fields, then a line '---'"
            case .unclosed(let line):
                "front-matter opened on line \(line) is never closed; add a line '---' after the last field"
            }
        }
    }

    /// The YAML text between the delimiter lines (including its last line ending).
    public var yamlRange: Range<String.Index>
    /// The closing delimiter line, kept to insert new fields just before it.
    public var closingLineRange: Range<String.Index>
    public var bodyRange: Range<String.Index>
    /// Line number (1-based) of the first YAML line in the file.
    public var firstYAMLLine: Int

    public static func split(_ text: String) throws(Problem) -> FrontMatter {
        var lines = LineCursor(text)
        guard let first = lines.next(), isDelimiter(text[first.content]) else { throw .missing }
        let yamlStart = first.full.upperBound
        var lineNumber = 1
        while let line = lines.next() {
            lineNumber += 1
            let content = text[line.content]
            if isDelimiter(content) || content.trimmingTrailingSpaces == "..." {
                return FrontMatter(
                    yamlRange: yamlStart..<line.full.lowerBound, closingLineRange: line.full,
                    bodyRange: line.full.upperBound..<text.endIndex, firstYAMLLine: 2)
            }
        }
        throw .unclosed(openedAt: 1)
    }

    private static func isDelimiter(_ line: Substring) -> Bool {
        line.trimmingTrailingSpaces == "---"
    }
}

/// Walks lines, handing out each line's content (without its ending) and its full range.
struct LineCursor {
    let text: String
    var position: String.Index

    init(_ text: String) {
        self.text = text
        self.position = text.startIndex
    }

    mutating func next() -> (content: Range<String.Index>, full: Range<String.Index>)? {
        guard position < text.endIndex else { return nil }
        let start = position
        // Swift treats "\r\n" as one Character, so searching for either ends the line correctly.
        if let newline = text[start...].firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) {
            position = text.index(after: newline)
            return (start..<newline, start..<position)
        }
        position = text.endIndex
        return (start..<text.endIndex, start..<text.endIndex)
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var end = endIndex
        while end > startIndex {
            let previous = index(before: end)
            if self[previous] == " " || self[previous] == "\t" || self[previous] == "\r" { end = previous } else { break }
        }
        return self[startIndex..<end]
    }
}
