import Foundation

/// A failure of a command (usage, I/O, refused operation), as opposed to a finding in the ledger.
///
/// `kind` decides the exit status in the CLI: `.refused` is a rule of the ledger saying no
/// (exit 1), the others are usage or environment failures (exit 2).
public struct ReclamError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        case usage
        case io
        case refused
        case git
    }

    public var kind: Kind
    public var message: String
    /// Findings that explain the refusal, rendered by the CLI like `reclam check` output.
    public var diagnostics: [Diagnostic]
    /// The branch moved under a file the command had read: re-reading and retrying is safe.
    public var isConflict = false

    public init(_ kind: Kind, _ message: String, diagnostics: [Diagnostic] = []) {
        self.kind = kind
        self.message = message
        self.diagnostics = diagnostics
    }

    public var description: String { message }

    public static func usage(_ message: String) -> ReclamError { ReclamError(.usage, message) }
    public static func io(_ message: String) -> ReclamError { ReclamError(.io, message) }
    public static func refused(_ message: String, _ diagnostics: [Diagnostic] = []) -> ReclamError {
        ReclamError(.refused, message, diagnostics: diagnostics)
    }
}
