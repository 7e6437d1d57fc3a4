import Foundation

/// Reads typed values out of YAML nodes, collecting diagnostics instead of stopping at the first.
package struct NodeReader {
    package let file: String
    package var diagnostics: [Diagnostic] = []

    package init(file: String) { self.file = file }

    /// A finding of an error rule (the name says what the caller expects; the rule decides).
    package mutating func error(_ rule: Rule, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(rule, message, file: file, at: location))
    }

    package mutating func warning(_ rule: Rule, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(rule, message, file: file, at: location))
    }

    package mutating func text(_ node: YAMLNode, _ key: String, required: Bool = false, rule: Rule = .configInvalid) -> String? {
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

    package mutating func bool(_ node: YAMLNode, _ key: String, rule: Rule = .configInvalid) -> Bool {
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
    package mutating func texts(_ node: YAMLNode, _ key: String, rule: Rule = .configInvalid) -> [String]? {
        guard let value = node[key] else { return nil }
        if let text = value.scalar { return [text] }
        if let items = value.items, items.allSatisfy({ $0.scalar != nil }) { return items.compactMap(\.scalar) }
        error(rule, "'\(key)' must be a word or a list of words", at: value.start)
        return nil
    }
}
