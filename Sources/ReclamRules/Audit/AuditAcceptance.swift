import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger

/// A commit whose audit findings someone reviewed and accepted (`reclam audit accept`): the
/// acceptance is a commit of its own, changing no file, whose trailers name the commit
/// (`Reclam-Accepts`) and the reason (`Reclam-Reason`); its author and date say who and when.
/// The history keeps both the finding and its review.
public struct AuditAcceptance: Sendable, Equatable {
    /// The accepted commit (full id).
    public var commit: String
    /// The commit that records the acceptance.
    public var acceptedIn: String
    public var by: String
    public var at: String
    public var reason: String

    public static let acceptsTrailer = "Reclam-Accepts"
    public static let reasonTrailer = "Reclam-Reason"

    /// Every acceptance in the branch's history, by accepted commit (the latest wins).
    public static func all(in root: URL) throws(ReclamError) -> [String: AuditAcceptance] {
        let commits = try GitHistory.log(
            in: root, arguments: ["--fixed-strings", "--grep=\(acceptsTrailer): ", "HEAD"])
        var out: [String: AuditAcceptance] = [:]
        for commit in commits.reversed() {
            guard let accepted = commit.trailer(acceptsTrailer), ObjectID(hex: accepted) != nil else { continue }
            out[accepted.lowercased()] = AuditAcceptance(
                commit: accepted.lowercased(), acceptedIn: commit.id, by: commit.authorName, at: commit.authorDateText,
                reason: commit.trailer(reasonTrailer) ?? "")
        }
        return out
    }

    /// The finding, reported as reviewed: a note naming who accepted it, when and why.
    func accepted(_ finding: Diagnostic, _ messages: Messages = Messages(.en)) -> Diagnostic {
        Diagnostic(
            .auditAccepted,
            messages.format(.auditAccepted, finding.message, finding.rule, by, at, String(acceptedIn.prefix(10)), reason),
            file: finding.file, line: finding.line, column: finding.column)
    }
}
