import CYaml
import Foundation

/// Reads YAML into `YAMLNode`s from libyaml's event stream (the parser inside Yams).
///
/// Working on events rather than on Yams' composed nodes is what lets us refuse anchors and
/// aliases before they expand, report a duplicate key at the second key's line, bound the
/// nesting depth before it exhausts the stack, and keep every scalar as text. It is also
/// about ten times cheaper than composing, which matters when a command reads 100 000 files.
public enum YAMLReader {
    public static let maximumDepth = 32

    /// - Parameter lineOffset: added to every line, so positions are those of the enclosing file.
    public static func read(_ text: Substring, lineOffset: Int = 0) throws(YAMLError) -> YAMLNode? {
        try read(text, lineOffset: lineOffset, simpleScanner: true)
    }

    /// `simpleScanner: false` is for tests comparing the two readers.
    static func read(_ text: Substring, lineOffset: Int, simpleScanner: Bool) throws(YAMLError) -> YAMLNode? {
        if simpleScanner, let node = SimpleYAML.read(text, lineOffset: lineOffset) { return node }
        var bytes = Array(text.utf8)
        return try read(bytes: &bytes, lineOffset: lineOffset)
    }

    public static func read(_ text: String, lineOffset: Int = 0) throws(YAMLError) -> YAMLNode? {
        try read(text[...], lineOffset: lineOffset)
    }

    static func read(bytes: inout [UInt8], lineOffset: Int) throws(YAMLError) -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(
                rule: .yamlSyntax, message: "could not start the YAML parser", location: .init(line: 1, column: 1),
                reason: .noParser)
        }
        defer { yaml_parser_delete(&parser) }
        let result: Result<YAMLNode?, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var builder = Builder(lineOffset: lineOffset)
            do throws(YAMLError) {
                return .success(try builder.run(&parser))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private struct Builder {
        let lineOffset: Int

        /// An open collection and what has been read into it so far. A class, so that adding
        /// to the innermost collection mutates it in place instead of copying its arrays.
        final class Frame {
            let isMapping: Bool
            let start: SourceLocation
            let style: YAMLNode.Style
            var pairs: [YAMLPair] = []
            var items: [YAMLNode] = []
            var pendingKey: (String, SourceLocation)?
            var keys = KeyIndex()

            init(isMapping: Bool, start: SourceLocation, style: YAMLNode.Style) {
                self.isMapping = isMapping
                self.start = start
                self.style = style
            }
        }

        var stack: [Frame] = []
        var root: YAMLNode?
        var documents = 0

        init(lineOffset: Int) { self.lineOffset = lineOffset }

        func location(_ mark: yaml_mark_t) -> SourceLocation {
            SourceLocation(line: Int(mark.line) + 1 + lineOffset, column: Int(mark.column) + 1)
        }

        mutating func run(_ parser: inout yaml_parser_t) throws(YAMLError) -> YAMLNode? {
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw syntaxError(parser)
                }
                defer { yaml_event_delete(&event) }
                let start = location(event.start_mark)
                let end = location(event.end_mark)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return root
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        throw YAMLError(
                            rule: .yamlMultipleDocuments,
                            message: "only one YAML document is allowed here; remove the extra '---' or '...' line", location: start,
                            reason: .severalDocuments)
                    }
                case YAML_ALIAS_EVENT:
                    throw YAMLError(
                        rule: .yamlAlias, message: "YAML aliases ('*name') are not allowed; write the value out in full", location: start,
                        reason: .alias)
                case YAML_SCALAR_EVENT:
                    let data = event.data.scalar
                    try refuseAnchorAndTag(
                        anchor: data.anchor, tag: data.tag, plainImplicit: data.plain_implicit, quotedImplicit: data.quoted_implicit,
                        at: start)
                    let text =
                        data.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(data.length)), as: UTF8.self) } ?? ""
                    let style: YAMLNode.Style
                    switch data.style {
                    case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                    case YAML_LITERAL_SCALAR_STYLE: style = .literal
                    case YAML_FOLDED_SCALAR_STYLE: style = .folded
                    default: style = .plain
                    }
                    try add(YAMLNode(content: .scalar(text), style: style, start: start, end: end))
                case YAML_MAPPING_START_EVENT:
                    let data = event.data.mapping_start
                    try refuseAnchorAndTag(anchor: data.anchor, tag: data.tag, plainImplicit: data.implicit, quotedImplicit: 1, at: start)
                    try push(Frame(isMapping: true, start: start, style: data.style == YAML_FLOW_MAPPING_STYLE ? .flow : .block), at: start)
                case YAML_SEQUENCE_START_EVENT:
                    let data = event.data.sequence_start
                    try refuseAnchorAndTag(anchor: data.anchor, tag: data.tag, plainImplicit: data.implicit, quotedImplicit: 1, at: start)
                    try push(
                        Frame(isMapping: false, start: start, style: data.style == YAML_FLOW_SEQUENCE_STYLE ? .flow : .block), at: start)
                case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                    let frame = stack.removeLast()
                    let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.pairs.fitted()) : .sequence(frame.items.fitted())
                    try add(YAMLNode(content: content, style: frame.style, start: frame.start, end: end))
                default:
                    break
                }
            }
        }

        mutating func push(_ frame: Frame, at start: SourceLocation) throws(YAMLError) {
            if stack.count >= YAMLReader.maximumDepth {
                throw YAMLError(
                    rule: .yamlDepth, message: "YAML nested deeper than \(YAMLReader.maximumDepth) levels; flatten the structure",
                    location: start, reason: .depth(YAMLReader.maximumDepth))
            }
            if let top = stack.last, top.isMapping, top.pendingKey == nil {
                throw YAMLError(
                    rule: .yamlComplexKey, message: "a mapping key must be plain text, not a list or a mapping", location: start,
                    reason: .complexKey)
            }
            stack.append(frame)
        }

        mutating func add(_ node: YAMLNode) throws(YAMLError) {
            guard let top = stack.last else {
                root = node
                return
            }
            guard top.isMapping else {
                top.items.append(node)
                return
            }
            if let (key, keyStart) = top.pendingKey {
                top.pairs.append(YAMLPair(key: key, keyStart: keyStart, value: node))
                top.pendingKey = nil
                return
            }
            guard let key = node.scalar else {
                throw YAMLError(
                    rule: .yamlComplexKey, message: "a mapping key must be plain text, not a list or a mapping", location: node.start,
                    reason: .complexKey)
            }
            if let first = top.keys.first(key, in: top.pairs)?.keyStart {
                throw YAMLError(
                    rule: .yamlDuplicateKey, message: "duplicate key '\(key)' (first set on line \(first.line)); keep only one",
                    location: node.start, reason: .duplicateKey(key, firstLine: first.line))
            }
            top.pendingKey = (key, node.start)
        }

        func refuseAnchorAndTag(
            anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?,
            plainImplicit: Int32, quotedImplicit: Int32, at start: SourceLocation
        ) throws(YAMLError) {
            if let anchor {
                let name = String(cString: anchor)
                throw YAMLError(
                    rule: .yamlAlias, message: "YAML anchors ('&\(name)') are not allowed; write each value out in full", location: start,
                    reason: .anchor(name))
            }
            if let tag {
                let name = String(cString: tag).replacingOccurrences(of: "tag:yaml.org,2002:", with: "!!")
                throw YAMLError(
                    rule: .yamlTag, message: "YAML tags ('\(name)') are not allowed; quote the value instead", location: start,
                    reason: .tag(name))
            }
        }

        func syntaxError(_ parser: yaml_parser_t) -> YAMLError {
            let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
            var message = problem
            let context = parser.context.map { String(cString: $0) }
            let contextLine = Int(parser.context_mark.line) + 1 + lineOffset
            if let context {
                message += " (\(context) at line \(contextLine))"
            }
            var hint: YAMLError.Reason.Hint?
            if problem.contains("mapping values are not allowed") {
                message += "; quote a value that contains ': '"
                hint = .quoteColon
            } else if problem.contains("could not find expected ':'") {
                message += "; write each field as 'key: value' on one line, with a key of at most 1024 characters"
                hint = .keyValue
            } else if problem.contains("found character that cannot start any token") {
                message += "; quote a value that starts with '@', '`' or a tab"
                hint = .quoteStart
            }
            return YAMLError(
                rule: .yamlSyntax, message: message, location: location(parser.problem_mark),
                reason: .syntax(problem: problem, context: context, contextLine: contextLine, hint: hint))
        }
    }
}
