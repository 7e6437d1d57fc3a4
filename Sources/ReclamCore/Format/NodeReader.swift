import Foundation

/// Reads typed values out of YAML nodes, collecting diagnostics instead of stopping at the first.
package struct NodeReader {
    package let file: String
    package var diagnostics: [Diagnostic] = []
    /// The language of the findings that have a French wording.
    package var language: Language

    package init(file: String, language: Language = .en) {
        self.file = file
        self.language = language
    }

    /// A finding of an error rule (the name says what the caller expects; the rule decides).
    package mutating func error(_ rule: Rule, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(rule, message, file: file, at: location))
    }

    package mutating func warning(_ rule: Rule, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(rule, message, file: file, at: location))
    }

    package mutating func text(_ node: YAMLNode, _ key: String, required: Bool = false, rule: Rule = .configInvalid) -> String? {
        guard let value = node[key] else {
            if required { error(rule, Messages(language).format(.nodeMissing, key), at: node.start) }
            return nil
        }
        guard let text = value.scalar else {
            let m = Messages(language)
            error(
                rule, language == .en ? "'\(key)' must be text, not a \(value.kindName)" : m.format(.nodeNotText, key, m.kind(value)),
                at: value.start)
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
            error(rule, Messages(language).format(.nodeNotBool, key), at: value.start)
            return false
        }
    }

    /// A scalar or a list of scalars, as in `from: received` or `from: [received, acknowledged]`.
    package mutating func texts(_ node: YAMLNode, _ key: String, rule: Rule = .configInvalid) -> [String]? {
        guard let value = node[key] else { return nil }
        if let text = value.scalar { return [text] }
        if let items = value.items, items.allSatisfy({ $0.scalar != nil }) { return items.compactMap(\.scalar) }
        error(rule, Messages(language).format(.nodeNotWords, key), at: value.start)
        return nil
    }
}
