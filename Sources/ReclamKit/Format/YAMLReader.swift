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
        var bytes = Array(text.utf8)
        return try read(bytes: &bytes, lineOffset: lineOffset)
    }

    public static func read(_ text: String, lineOffset: Int = 0) throws(YAMLError) -> YAMLNode? {
        try read(text[...], lineOffset: lineOffset)
    }

    static func read(bytes: inout [UInt8], lineOffset: Int) throws(YAMLError) -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(rule: .syntax, message: "could not start the YAML parser", location: .init(line: 1, column: 1))
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

        /// An open collection and what has been read into it so far.
        enum Frame {
            case mapping(
                pairs: [YAMLPair], pendingKey: (String, SourceLocation)?, seen: [String: SourceLocation], start: SourceLocation,
                style: YAMLNode.Style)
            case sequence(items: [YAMLNode], start: SourceLocation, style: YAMLNode.Style)
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
                            rule: .multipleDocuments,
                            message: "only one YAML document is allowed here; remove the extra '---' or '...' line", location: start)
                    }
                case YAML_ALIAS_EVENT:
                    throw YAMLError(
                        rule: .alias, message: "YAML aliases ('*name') are not allowed; write the value out in full", location: start)
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
                    try push(
                        .mapping(
                            pairs: [], pendingKey: nil, seen: [:], start: start,
                            style: data.style == YAML_FLOW_MAPPING_STYLE ? .flow : .block), at: start)
                case YAML_SEQUENCE_START_EVENT:
                    let data = event.data.sequence_start
                    try refuseAnchorAndTag(anchor: data.anchor, tag: data.tag, plainImplicit: data.implicit, quotedImplicit: 1, at: start)
                    try push(.sequence(items: [], start: start, style: data.style == YAML_FLOW_SEQUENCE_STYLE ? .flow : .block), at: start)
                case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                    let frame = stack.removeLast()
                    switch frame {
                    case .mapping(let pairs, _, _, let s, let style):
                        try add(YAMLNode(content: .mapping(pairs), style: style, start: s, end: end))
                    case .sequence(let items, let s, let style):
                        try add(YAMLNode(content: .sequence(items), style: style, start: s, end: end))
                    }
                default:
                    break
                }
            }
        }

        mutating func push(_ frame: Frame, at start: SourceLocation) throws(YAMLError) {
            if stack.count >= YAMLReader.maximumDepth {
                throw YAMLError(
                    rule: .depth, message: "YAML nested deeper than \(YAMLReader.maximumDepth) levels; flatten the structure",
                    location: start)
            }
            if case .mapping(_, nil, _, _, _)? = stack.last {
                throw YAMLError(rule: .complexKey, message: "a mapping key must be plain text, not a list or a mapping", location: start)
            }
            stack.append(frame)
        }

        mutating func add(_ node: YAMLNode) throws(YAMLError) {
            guard let top = stack.popLast() else {
                root = node
                return
            }
            switch top {
            case .mapping(var pairs, let pendingKey, var seen, let s, let style):
                if let (key, keyStart) = pendingKey {
                    pairs.append(YAMLPair(key: key, keyStart: keyStart, value: node))
                    stack.append(.mapping(pairs: pairs, pendingKey: nil, seen: seen, start: s, style: style))
                } else {
                    guard let key = node.scalar else {
                        throw YAMLError(
                            rule: .complexKey, message: "a mapping key must be plain text, not a list or a mapping", location: node.start)
                    }
                    if let first = seen[key] {
                        throw YAMLError(
                            rule: .duplicateKey, message: "duplicate key '\(key)' (first set on line \(first.line)); keep only one",
                            location: node.start)
                    }
                    seen[key] = node.start
                    stack.append(.mapping(pairs: pairs, pendingKey: (key, node.start), seen: seen, start: s, style: style))
                }
            case .sequence(var items, let s, let style):
                items.append(node)
                stack.append(.sequence(items: items, start: s, style: style))
            }
        }

        func refuseAnchorAndTag(
            anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?,
            plainImplicit: Int32, quotedImplicit: Int32, at start: SourceLocation
        ) throws(YAMLError) {
            if let anchor {
                let name = String(cString: anchor)
                throw YAMLError(
                    rule: .alias, message: "YAML anchors ('&\(name)') are not allowed; write each value out in full", location: start)
            }
            if let tag {
                let name = String(cString: tag).replacingOccurrences(of: "tag:yaml.org,2002:", with: "!!")
                throw YAMLError(rule: .tag, message: "YAML tags ('\(name)') are not allowed; quote the value instead", location: start)
            }
        }

        func syntaxError(_ parser: yaml_parser_t) -> YAMLError {
            let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
            var message = problem
            if let context = parser.context.map({ String(cString: $0) }) {
                message += " (\(context) at line \(Int(parser.context_mark.line) + 1 + lineOffset))"
            }
            if problem.contains("mapping values are not allowed") {
                message += "; quote a value that contains ': '"
            } else if problem.contains("found character that cannot start any token") {
                message += "; quote a value that starts with '@', '`' or a tab"
            }
            return YAMLError(rule: .syntax, message: message, location: location(parser.problem_mark))
        }
    }
}
