import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamRules

/// `reclam audit accept COMMIT --reason TEXT`: records that a commit's audit findings were
/// reviewed, in a commit of its own that changes no file (trailers `Reclam-Accepts`,
/// `Reclam-Reason`, `Reclam-Actor`). `reclam audit` then lists those findings as accepted.
public enum AuditAccept {
    public struct Result: Sendable {
        /// The accepted commit, in full.
        public var accepted: String
        /// Its findings, now accepted.
        public var findings: [Diagnostic]
        public var commit: CommitResult
    }

    public static func accept(_ revision: String, reason: String, context: WriteContext) throws(ReclamError) -> Result {
        let reason = reason.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        if reason.isEmpty { throw .usage("--reason must say why the findings are accepted") }
        if reason.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .usage("--reason may not contain control characters")
        }
        let root = context.ledger.root
        guard !revision.hasPrefix("-"),
            let resolved = try? GitHistory.run(["-C", root.path, "rev-parse", "--verify", "--quiet", "\(revision)^{commit}"]),
            let commit = ObjectID(hex: String(decoding: resolved, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else { throw .usage("'\(revision)' is not a commit of this repository; 'reclam audit' names the commits it reports") }
        let m = Messages(context.ledger.config.language)
        if (try? GitHistory.run(["-C", root.path, "merge-base", "--is-ancestor", commit.hex, "HEAD"])) == nil {
            throw .refused(m.format(.auditNotInBranch, commit.short))
        }
        let audit = Audit(ledger: context.ledger)
        let findings = try audit.findings(ofCommit: commit.hex).filter { $0.severity != .note }
        if findings.isEmpty {
            throw .refused(m.format(.auditNothingToAccept, commit.short))
        }
        if let earlier = try AuditAcceptance.all(in: root)[commit.hex] {
            throw .refused(m.format(.auditAlreadyAccepted, commit.short, earlier.by, earlier.at, String(earlier.acceptedIn.prefix(10))))
        }
        let change = Change(
            summary: "accept(\(commit.short)): \(CommitText.oneLine(reason, limit: 60))",
            body: "Audit findings of commit \(commit.hex) reviewed and accepted.",
            trailers: [
                (AuditAcceptance.acceptsTrailer, commit.hex), (AuditAcceptance.reasonTrailer, reason),
                ("Reclam-Actor", context.actor.name),
            ])
        var empty = change
        empty.allowsEmpty = true
        let made = try context.commit(empty)
        return Result(accepted: commit.hex, findings: findings, commit: made)
    }
}
