import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// What `reclam edit` and `reclam commit` committed.
public struct HandEditResult: Sendable {
    /// The files in the commit; empty when nothing had changed.
    public var reviews: [HandEditReview]
    /// nil when there was nothing to commit.
    public var commit: CommitResult?
    public var summary: String?

    /// Warnings about the committed files.
    public var diagnostics: [Diagnostic] { reviews.flatMap(\.diagnostics) }
}

/// Commits files edited by hand, with the checks of the `reclam` commands: a file that
/// `reclam check` refuses, or a stage change the procedure does not allow, is never
/// committed, and the user's text stays in the file. A legal stage change gets the step and
/// the journal line a move would have written, unless the user wrote them.
public enum HandEdit {
    /// The file of a case id, or of an action id (`act-…`).
    public static func path(of id: String, in ledger: Ledger) throws(ReclamError) -> String {
        if id.hasPrefix("act-"), Identifier.isValid(id), FileSystem.kind(of: ledger.url(Action.path(id))) != nil {
            return Action.path(id)
        }
        return try CaseLocator.path(of: id, in: ledger)
    }

    /// Case, learner and action files that differ from the branch, in the work tree or the index.
    public static func modifiedFiles(in repository: GitRepository, language: Language) throws(ReclamError) -> [String] {
        do {
            return try repository.status().map(\.path).filter { HandEditReview.kind(of: $0) != nil }
        } catch {
            throw .io(Messages(language).format(.cannotReadGitStatus, "\(error)"))
        }
    }

    /// The files `reclam commit` takes: the given files, the modified files under given folders,
    /// or every modified file when no path is given.
    public static func selectFiles(_ paths: [String], in context: WriteContext) throws(ReclamError) -> [String] {
        let modified = try modifiedFiles(in: context.repository, language: context.ledger.config.language)
        if paths.isEmpty { return modified }
        var out: [String] = []
        for path in paths {
            if HandEditReview.kind(of: path) != nil {
                out.append(path)
                continue
            }
            let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
            if folder.isEmpty || FileSystem.kind(of: context.ledger.url(folder)) == .directory {
                out += modified.filter { folder.isEmpty || $0.hasPrefix(folder + "/") }
                continue
            }
            throw .usage(
                "\(path): reclam commits case, learner and action files (cases/<learner>/<id>.md, cases/<learner>/learner.md, actions/<id>.md); commit other files with git"
            )
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }

    /// Checks every file and commits them together, or refuses them all (exit 1) with the
    /// findings. Files that do not differ from the branch are left out.
    public static func commit(paths: [String], message: String? = nil, context: WriteContext) throws(ReclamError) -> HandEditResult {
        try context.retryingConflicts { () throws(ReclamError) -> HandEditResult in
            try attempt(paths: paths, message: message, context: context)
        }
    }

    static func environment(_ context: WriteContext) -> HandEditRules.Environment {
        let ledger = context.ledger
        return HandEditRules.Environment(
            ledger: ledger, now: context.now, actor: context.actor.name,
            casePaths: { id in (try? CaseLocator.scan(for: id, in: ledger)) ?? [] },
            caseIDs: { Set(((try? CaseLocator.allIDs(in: ledger)) ?? [:]).keys) })
    }

    static func attempt(paths: [String], message: String?, context: WriteContext) throws(ReclamError) -> HandEditResult {
        let repository = context.repository
        let m = Messages(context.ledger.config.language)
        let tip: ObjectID?
        do { tip = try repository.tipCommitID() } catch { throw .io(m.format(.cannotReadBranch, "\(error)")) }
        let environment = environment(context)
        var reviews: [HandEditReview] = []
        var current: [String: Data] = [:]
        var bases: [String: ObjectID?] = [:]
        var unreadable: [Diagnostic] = []
        for path in paths {
            guard let kind = HandEditReview.kind(of: path) else { throw .usage("\(path) is not a case, learner or action file") }
            let edited: Data?
            switch read(path, ledger: context.ledger, messages: m) {
            case .success(let data): edited = data
            case .failure(let failure):
                unreadable.append(failure.diagnostic)
                continue
            }
            var baseID: ObjectID?
            var base: Data?
            if let tip {
                do {
                    baseID = try repository.blobID(at: path, in: tip)
                    base = try baseID.map { try repository.blob($0) }
                } catch {
                    throw .io(m.format(.cannotReadFromBranch, path, "\(error)"))
                }
            }
            if edited == base { continue }
            edited.map { current[path] = $0 }
            bases[path] = baseID
            reviews.append(HandEditRules.review(path: path, kind: kind, edited: edited, base: base, environment: environment))
        }
        let refused = reviews.filter(\.isRefused)
        if !refused.isEmpty || !unreadable.isEmpty {
            let count = refused.count + unreadable.count
            throw ReclamError(
                .refused, count == 1 ? m[.refuseHandEditOne] : m.format(.refuseHandEditMany, String(count)),
                diagnostics: unreadable + refused.flatMap(\.diagnostics))
        }
        guard !reviews.isEmpty else { return HandEditResult(reviews: [], commit: nil, summary: nil) }

        let summary = summary(reviews, message: message)
        let change = Change(
            summary: summary, body: body(reviews),
            writes: reviews.compactMap { review in review.final.map { (review.path, $0) } },
            expectedBase: bases, trailers: trailers(reviews, actor: context.actor.name))
        let commit = try commitWithAdditions(change, reviews: reviews, current: current, context: context)
        return HandEditResult(reviews: reviews, commit: commit, summary: summary)
    }

    static func read(_ path: String, ledger: Ledger, messages m: Messages) -> Result<Data?, LedgerReader.LoadFailure> {
        let url = ledger.url(path)
        guard FileSystem.kind(of: url) != nil else { return .success(nil) }
        do {
            return .success(try FileSystem.readRegularFile(url, limit: TextFile.maximumSize))
        } catch {
            let rule = error.rule
            return .failure(
                LedgerReader.LoadFailure(diagnostic: Diagnostic(rule, m.format(.cannotCommitFile, error.message), file: path)))
        }
    }

    /// The write path refuses to overwrite a user's uncommitted bytes with anything else; so
    /// the step and journal line reclam adds are written to the file (and staged, when the
    /// user had staged it) just before the commit, and the user's bytes are put back if the
    /// commit fails.
    static func commitWithAdditions(_ change: Change, reviews: [HandEditReview], current: [String: Data], context: WriteContext)
        throws(ReclamError) -> CommitResult
    {
        let repository = context.repository
        let m = Messages(context.ledger.config.language)
        var additions: [(path: String, contents: Data)] = []
        var restage: [String] = []
        for review in reviews {
            guard let final = review.final else { continue }
            let status: FileStatus
            do { status = try repository.pathStatus(review.path) } catch {
                throw .io(m.format(.cannotReadGitStatusOf, review.path, "\(error)"))
            }
            if status.contains(.conflicted) {
                throw .refused(m.format(.mergeConflictResolveFirst, review.path))
            }
            let userBytes = current[review.path]
            if !status.isDisjoint(with: FileStatus.indexChanges) {
                let staged = try? repository.indexBlobID(at: review.path)
                let inFile = userBytes.flatMap { try? GitRepository.hashBlob($0) }
                if staged != inFile {
                    throw .refused(m.format(.stagedDiffers, review.path, review.path, review.path))
                }
                if final != userBytes { restage.append(review.path) }
            }
            if final != userBytes { additions.append((review.path, final)) }
        }
        guard !additions.isEmpty else { return try context.commit(change) }
        guard let workdir = repository.workdir else { throw .io(m[.noWorkTree]) }
        let transaction: WorkTreeTransaction
        do {
            transaction = try WorkTreeTransaction(root: workdir, writes: additions, removals: [])
            try transaction.apply()
            try repository.addToIndex(restage)
        } catch {
            throw .io(m.format(.cannotAddStep, "\(error)"))
        }
        do {
            return try context.commit(change)
        } catch {
            let problems = transaction.rollback()
            try? repository.addToIndex(restage)
            var failure = error
            if !problems.isEmpty {
                failure.message += m[.restoreAlsoFailed] + problems.map(\.description).joined(separator: "; ")
            }
            throw failure
        }
    }

    // MARK: The commit message

    static func summary(_ reviews: [HandEditReview], message: String?) -> String {
        var ids: [String] = []
        for review in reviews where !ids.contains(review.id) { ids.append(review.id) }
        let shown = ids.count > 3 ? ids.prefix(3).joined(separator: ", ") + ", +\(ids.count - 3)" : ids.joined(separator: ", ")
        let what: String
        if let message, !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            what = message
        } else if reviews.count == 1 {
            what = describe(reviews[0])
        } else {
            what = "\(reviews.count) files edited by hand"
        }
        return "edit(\(shown)): \(CommitText.oneLine(what, limit: 100))"
    }

    /// "received -> acknowledged, owner, Analyse": the move, then the fields, then the sections.
    static func describe(_ review: HandEditReview) -> String {
        var parts: [String] = []
        if let change = review.stageChange { parts.append("\(change.from) -> \(change.to)") }
        if review.isNew { parts.append("new \(review.kind == .actionFile ? "action" : review.kind == .learnerFile ? "learner" : "case")") }
        let fields = review.changedFields.map(\.field).filter { !["stage", "steps"].contains($0) }
        if !review.isNew {
            parts += fields
            parts += review.changedSections.filter { !(review.addedJournalLine && $0 == "Journal") }
        }
        return parts.isEmpty ? "edited by hand" : parts.joined(separator: ", ")
    }

    static func body(_ reviews: [HandEditReview]) -> String? {
        var lines: [String] = []
        for review in reviews {
            let prefix = reviews.count > 1 ? "\(review.id) " : ""
            for change in review.changedFields {
                lines.append(
                    prefix
                        + (review.kind == .learnerFile
                            ? CommitText.fieldChangeWithoutValues(change.field, old: change.old, new: change.new)
                            : CommitText.fieldChange(change.field, old: change.old, new: change.new)))
            }
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    static func trailers(_ reviews: [HandEditReview], actor: String) -> [(key: String, value: String)] {
        var out: [(key: String, value: String)] = []
        for review in reviews {
            let key: String
            switch review.kind {
            case .caseFile: key = "Reclam-Case"
            case .actionFile: key = "Reclam-Action"
            case .learnerFile: continue
            }
            out.append((key, review.id))
            if let change = review.stageChange {
                out.append(("Reclam-Stage", "\(change.from) -> \(change.to)"))
            } else if let stage = review.stage, !stage.isEmpty {
                out.append(("Reclam-Stage", stage))
            }
        }
        out.append(("Reclam-Actor", actor))
        return out
    }
}
