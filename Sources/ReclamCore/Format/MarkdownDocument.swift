import Foundation

/// A Markdown file with YAML front-matter, parsed but never normalised: `text` is the file as
/// written, and `root` points into it.
public struct MarkdownDocument: Sendable {
    public var file: TextFile
    public var frontMatter: FrontMatter
    /// The front-matter's top-level mapping; nil when the front-matter is empty.
    public var root: YAMLNode?

    public var text: String { file.text }
    public var body: Substring { file.text[frontMatter.bodyRange] }

    public enum Problem: Error, Sendable {
        case file(TextFile.Problem)
        case frontMatter(FrontMatter.Problem)
        case yaml(YAMLError)
        case notMapping(SourceLocation)

        public var rule: Rule {
            switch self {
            case .file(let p): p.rule
            case .frontMatter(let p): p.rule
            case .yaml(let e): e.rule
            case .notMapping: .frontmatterNotMapping
            }
        }

        public var message: String {
            switch self {
            case .file(let p): p.message
            case .frontMatter(let p): p.message
            case .yaml(let e): e.message
            case .notMapping: "front-matter must be a list of 'field: value' lines"
            }
        }

        public var location: SourceLocation? {
            switch self {
            case .file(let p): p.location
            case .frontMatter(.missing): SourceLocation(line: 1, column: 1)
            case .frontMatter(.unclosed(let line)): SourceLocation(line: line, column: 1)
            case .yaml(let e): e.location
            case .notMapping(let l): l
            }
        }

        public func diagnostic(file: String) -> Diagnostic {
            Diagnostic(rule, message, file: file, at: location)
        }
    }

    public static func parse(data: Data) throws(Problem) -> MarkdownDocument {
        let file: TextFile
        do { file = try TextFile.decode(data) } catch { throw .file(error) }
        return try parse(file)
    }

    public static func parse(_ file: TextFile) throws(Problem) -> MarkdownDocument {
        let split: FrontMatter
        do { split = try FrontMatter.split(file.text) } catch { throw .frontMatter(error) }
        let yaml = file.text[split.yamlRange]
        let root: YAMLNode?
        do { root = try YAMLReader.read(yaml, lineOffset: split.firstYAMLLine - 1) } catch { throw .yaml(error) }
        if let root, root.pairs == nil {
            throw .notMapping(root.start)
        }
        return MarkdownDocument(file: file, frontMatter: split, root: root)
    }

    /// The parsed fields without the file's text (`text` and `body` are empty), for commands
    /// that only read fields: the text is most of a case's memory, and a listing of 100 000
    /// cases would otherwise keep every file.
    /// With `keeping`, only those top-level fields stay.
    public func fieldsOnly(keeping: Set<String>? = nil) -> MarkdownDocument {
        var root = root
        if let keeping, let pairs = root?.pairs {
            root?.content = .mapping(pairs.filter { keeping.contains($0.key) })
        }
        let empty = ""
        let nothing = empty.startIndex..<empty.endIndex
        return MarkdownDocument(
            file: TextFile(text: empty, hasBOM: file.hasBOM, lineEnding: file.lineEnding),
            frontMatter: FrontMatter(
                yamlRange: nothing, closingLineRange: nothing, bodyRange: nothing, firstYAMLLine: frontMatter.firstYAMLLine),
            root: root)
    }

    public subscript(field: String) -> YAMLNode? { root?[field] }

    /// The text of a scalar field, nil when absent or not a scalar.
    public func string(_ field: String) -> String? { root?[field]?.scalar }
}
