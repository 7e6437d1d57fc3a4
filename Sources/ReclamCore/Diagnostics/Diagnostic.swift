import Foundation

/// How serious a finding is. Errors fail `reclam check`; warnings do not.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A finding about the ledger: data, not a failure of the tool.
///
/// `file` is relative to the ledger root so that output is stable across clones; `line` and
/// `column` are 1-based and absent when the finding concerns a whole file.
public struct Diagnostic: Sendable, Hashable, Codable {
    public private(set) var severity: Severity
    public private(set) var rule: String
    public var message: String
    public var file: String
    public var line: Int?
    public var column: Int?

    /// A finding of `rule`, with the rule's severity.
    public init(_ rule: Rule, _ message: String, file: String, line: Int? = nil, column: Int? = nil) {
        self.severity = rule.severity
        self.rule = rule.id
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    public init(_ rule: Rule, _ message: String, file: String, at location: SourceLocation?) {
        self.init(rule, message, file: file, line: location?.line, column: location?.column)
    }

    /// The same finding as an error: what `--strict` makes of warnings.
    public func escalated() -> Diagnostic {
        var copy = self
        if copy.severity == .warning { copy.severity = .error }
        return copy
    }
}

extension Diagnostic: Comparable {
    /// File, then position, then severity: the order a person reads a file in.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        let l = (lhs.line ?? 0, lhs.column ?? 0)
        let r = (rhs.line ?? 0, rhs.column ?? 0)
        if l != r { return l < r }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        if lhs.rule != rhs.rule { return lhs.rule < rhs.rule }
        return lhs.message < rhs.message
    }
}

/// A 1-based position in a text file; columns count characters, as editors do.
public struct SourceLocation: Sendable, Hashable, Codable {
    // 32 bits each (files are at most 1 MiB): every YAML node keeps two locations, and a
    // listing of 100 000 cases keeps millions of nodes.
    private var storedLine: Int32
    private var storedColumn: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(line: Int, column: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    private enum CodingKeys: String, CodingKey { case line, column }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(line: try container.decode(Int.self, forKey: .line), column: try container.decode(Int.self, forKey: .column))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
