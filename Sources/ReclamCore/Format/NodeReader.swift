import Foundation

/// Reads typed values out of YAML nodes, collecting diagnostics instead of stopping at the first.
package struct NodeReader {
    package let file: String
    package var diagnostics: [Diagnostic] = []

    package init(file: String) { self.file = file }

    package mutating func error(_ rule: String, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.error, rule: rule, message, file: file, at: location))
    }

    package mutating func warning(_ rule: String, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.warning, rule: rule, message, file: file, at: location))
    }

    package mutating func text(_ node: YAMLNode, _ key: String, required: Bool = false, rule: String = "config-invalid") -> String? {
        guard let value = node[key] else {
            if required { error(rule, "missing '\(key)'", at: node.start) }
            return nil
        }
        guard let text = value.scalar else {
            error(rule, "'\(key)' must be text, not a \(value.kindName)", at: value.start)
            return nil
        }
        return text
    }

    package mutating func bool(_ node: YAMLNode, _ key: String, rule: String = "config-invalid") -> Bool {
        guard let value = node[key] else { return false }
        switch value.scalar {
        case "true": return true
        case "false": return false
        default:
            error(rule, "'\(key)' must be true or false", at: value.start)
            return false
        }
    }

    /// A scalar or a list of scalars, as in `from: received` or `from: [received, acknowledged]`.
    package mutating func texts(_ node: YAMLNode, _ key: String, rule: String = "config-invalid") -> [String]? {
        guard let value = node[key] else { return nil }
        if let text = value.scalar { return [text] }
        if let items = value.items, items.allSatisfy({ $0.scalar != nil }) { return items.compactMap(\.scalar) }
        error(rule, "'\(key)' must be a word or a list of words", at: value.start)
        return nil
    }
}
