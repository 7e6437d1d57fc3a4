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
    /// The message as a sentence of the catalogue and its values, for code that fails without
    /// knowing the ledger's language (the git layer): `text(_:)` words it in the language of
    /// the run; `message` holds it in English.
    public var sentence: (key: Messages.Key, values: [String])?
    /// The language of the ledger the error is about, when the error was worded in it before
    /// the ledger could be opened (a `reclam.yml` that does not read): its findings are shown
    /// in that language too.
    public var language: Language?

    public init(_ kind: Kind, _ message: String, diagnostics: [Diagnostic] = []) {
        self.kind = kind
        self.message = message
        self.diagnostics = diagnostics
    }

    public init(_ kind: Kind, _ key: Messages.Key, _ values: String...) {
        self.init(kind, Messages(.en).format(key, arguments: values))
        sentence = (key, values)
    }

    /// The message in `m`'s language when it is a sentence of the catalogue, else as it is.
    public func text(_ m: Messages) -> String {
        sentence.map { m.format($0.key, arguments: $0.values) } ?? message
    }

    public var description: String { message }

    public static func usage(_ message: String) -> ReclamError { ReclamError(.usage, message) }
    public static func io(_ message: String) -> ReclamError { ReclamError(.io, message) }
    public static func refused(_ message: String, _ diagnostics: [Diagnostic] = []) -> ReclamError {
        ReclamError(.refused, message, diagnostics: diagnostics)
    }
}
