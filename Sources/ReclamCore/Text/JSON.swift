import Foundation

/// A small JSON value with deterministic output (sorted keys), so command output diffs cleanly.
public enum JSON {
    public indirect enum Value: Sendable, Equatable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
        case array([Value])
        case object([String: Value])
    }

    public static func encode(_ value: Value, pretty: Bool = true) -> String {
        var out = ""
        write(value, into: &out, indent: pretty ? 0 : nil)
        return out
    }

    public static func encode(_ objects: [[String: Value]]) -> String {
        encode(.array(objects.map { .object($0) }))
    }

    private static func write(_ value: Value, into out: inout String, indent: Int?) {
        switch value {
        case .string(let s): out += quote(s)
        case .number(let n):
            if n.rounded() == n && abs(n) < 1e15 { out += String(Int64(n)) } else { out += String(n) }
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(&out, indent.map { $0 + 1 })
                write(item, into: &out, indent: indent.map { $0 + 1 })
            }
            newline(&out, indent)
            out += "]"
        case .object(let object):
            if object.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (i, key) in object.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                newline(&out, indent.map { $0 + 1 })
                out += quote(key) + (indent == nil ? ":" : ": ")
                write(object[key]!, into: &out, indent: indent.map { $0 + 1 })
            }
            newline(&out, indent)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: Int?) {
        guard let indent else { return }
        out += "\n" + String(repeating: "  ", count: indent)
    }

    public static func quote(_ s: String) -> String { Escape.json(s) }
}

extension JSON {
    /// A YAML node as JSON: scalars as text (fields are typed by the procedure, not by YAML),
    /// lists and mappings as such.
    public static func value(of node: YAMLNode) -> Value {
        switch node.content {
        case .scalar(let text): .string(text)
        case .sequence(let items): .array(items.map(value(of:)))
        case .mapping(let pairs): .object(Dictionary(pairs.map { ($0.key, value(of: $0.value)) }, uniquingKeysWith: { a, _ in a }))
        }
    }
}
