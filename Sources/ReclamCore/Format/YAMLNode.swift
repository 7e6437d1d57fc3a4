import Foundation

/// A YAML node as written, with where it was written.
///
/// Scalars keep the exact text the user typed (after YAML unquoting) and are never typed by
/// YAML 1.1 rules: `no`, `012` and `12:30` stay text until a field's declared type reads them.
public struct YAMLNode: Sendable {
    public enum Style: Sendable, Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
        case block, flow
    }

    public enum Content: Sendable {
        case scalar(String)
        case mapping([YAMLPair])
        case sequence([YAMLNode])
    }

    public var content: Content
    public var style: Style
    /// Position of the node's first character, in the front-matter's own coordinates shifted to
    /// the file's (see `FrontMatter`).
    public var start: SourceLocation
    /// Position just past the node's last character.
    public var end: SourceLocation

    package init(content: Content, style: Style, start: SourceLocation, end: SourceLocation) {
        self.content = content
        self.style = style
        self.start = start
        self.end = end
    }

    public var scalar: String? {
        if case .scalar(let text) = content { return text }
        return nil
    }

    public var pairs: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public subscript(key: String) -> YAMLNode? {
        pairs?.first { $0.key == key }?.value
    }

    /// A short word for messages: "text", "list", "mapping".
    public var kindName: String {
        switch content {
        case .scalar: "text"
        case .mapping: "mapping"
        case .sequence: "list"
        }
    }
}

public struct YAMLPair: Sendable {
    public var key: String
    public var keyStart: SourceLocation
    public var value: YAMLNode
}

/// Why a YAML text was refused. Carries the position so that the checker can point at it.
public struct YAMLError: Error, Sendable, Equatable {
    public var rule: Rule
    public var message: String
    public var location: SourceLocation
    /// What went wrong, for `Messages.yamlProblem` to word in the ledger's language.
    public var reason: Reason? = nil
}

extension Array {
    /// The same elements in storage of their exact size. Arrays grown by appending keep up to
    /// twice the room they need, and a listing keeps millions of YAML nodes for its whole run.
    func fitted() -> [Element] {
        guard capacity > count else { return self }
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            _ = buffer.initialize(from: self)
            initialized = count
        }
    }
}
