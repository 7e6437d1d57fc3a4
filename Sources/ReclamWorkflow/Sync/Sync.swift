import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// `reclam sync`: fetch, merge, push, until the remote holds this clone's work or a conflict
/// needs a person. Fetch and push go through libgit2; the merge is git's own (`git merge`,
/// with `reclam merge-file` registered as the driver of case and action files).
public enum Sync {
    public struct Options: Sendable {
        public var remote: String?
        /// The reclam binary, registered as the merge driver (nil: `reclam` on PATH).
        public var reclamPath: String?
        /// How many times a push refused because the remote moved is retried.
        public var maxAttempts: Int

        public init(remote: String? = nil, reclamPath: String? = nil, maxAttempts: Int = 5) {
            self.remote = remote
            self.reclamPath = reclamPath
            self.maxAttempts = maxAttempts
        }
    }

    /// One commit that came in or went out.
    public struct CommitLine: Sendable, Equatable {
        /// The commit's id: two commits with the same summary and author are still two commits.
        public var id: String = ""
        public var summary: String
        public var author: String
    }

    public enum Outcome: Sendable, Equatable {
        /// The remote and this clone hold the same history.
        case done
        /// The merge stopped on these files; `reclam conflicts`, `reclam resolve`, then `reclam sync` again.
        case conflicts([String])
    }

    public struct Report: Sendable {
        public var remote: String
        public var branch: String
        public var incoming: [CommitLine] = []
        public var outgoing: [CommitLine] = []
        public var attempts = 0
        public var outcome = Outcome.done
    }

    public static func run(_ options: Options, context: WriteContext) throws(ReclamError) -> Report {
        let m = Messages(context.ledger.config.language)
        let repository = context.repository
        let root = context.ledger.root
        let branch: String
        do {
            guard let name = try repository.headBranchName() else {
                throw ReclamError(.usage, .syncHeadDetached)
            }
            branch = name
        } catch let error as ReclamError {
            throw error
        } catch {
            throw ReclamError(.git, "\(error)")
        }
        let remote = options.remote ?? defaultRemote(repository, branch: branch)
        guard repository.hasRemote(remote) else {
            throw ReclamError(.usage, .syncNoRemote, remote, remote)
        }
        try MergeDriver.register(repository, reclamPath: options.reclamPath, language: context.ledger.config.language)
        var report = Report(remote: remote, branch: branch)
        let environment = identity(context)

        if repository.isMerging {
            // A merge stopped earlier: commit it once every conflict is resolved.
            let left = try remainingConflicts(repository, root: root)
            if !left.isEmpty {
                report.outcome = .conflicts(left)
                return report
            }
            _ = try git(m) { try repository.commitResolvedMerge(environment: environment) }
        } else {
            try refuseUncommittedEdits(repository, language: context.ledger.config.language)
        }

        let tracking = "refs/remotes/\(remote)/\(branch)"
        var seenIncoming = Set<String>()
        while report.attempts < max(1, options.maxAttempts) {
            report.attempts += 1
            // Download only when the remote's branch is not where this clone last saw it.
            var fetched = try git(m) { try repository.remoteTrackingTip(remote: remote, branch: branch) }
            if try git(m, { try repository.advertisedTip(remote: remote, branch: branch) }) != fetched {
                // A fetch reads the history's packs: bounded windows keep the resident size small
                // on a long history (1.5 GB of mapped pack pages at 331 000 commits without them).
                // Not before: the status reads only the tip's trees, and small windows over a
                // 3 GB pack made it 2.5× slower.
                GitRepository.limitPackMapping(window: 16 << 20, mapped: 64 << 20)
                try git(m) { try repository.fetch(remote: remote) }
                fetched = try git(m) { try repository.remoteTrackingTip(remote: remote, branch: branch) }
            }
            // Nothing to take and nothing to give: no `git log`, no `git merge`, no push (the
            // no-op sync, what a cron job or the server runs most often, costs a look at the remote's refs
            // and a status).
            if let fetched, try git(m, { try repository.tipCommitID() }) == fetched { return report }
            if let fetched {
                for line in try commits(root: root, range: "HEAD..\(fetched.hex)")
                where seenIncoming.insert(line.id).inserted {
                    report.incoming.append(line)
                }
                let message = "sync: merge \(remote)/\(branch)\n\nReclam-Actor: \(context.actor.name)"
                let outcome = try git(m) { try repository.mergeWithGit(tracking, message: message, environment: environment) }
                if case .conflicts(let paths) = outcome {
                    report.outcome = .conflicts(paths)
                    return report
                }
                let tip = try git(m) { try repository.tipCommitID() }
                if tip == fetched { return report }
            }
            let pending = try commits(root: root, range: fetched.map { "\($0.hex)..HEAD" } ?? "HEAD")
            switch try git(m, { try repository.push(remote: remote, branch: branch) }) {
            case .pushed:
                report.outgoing = pending
                try? repository.fetch(remote: remote)
                return report
            case .rejected:
                continue
            }
        }
        throw ReclamError(.refused, m.format(.syncRemoteKeptMoving, String(report.attempts)))
    }

    /// `branch.BRANCH.remote`, else `origin`.
    static func defaultRemote(_ repository: GitRepository, branch: String) -> String {
        ((try? repository.configString("branch.\(branch).remote")) ?? nil) ?? "origin"
    }

    /// The identity of a merge commit: the actor, as for every reclam commit.
    static func identity(_ context: WriteContext) -> [String: String] {
        let signature = context.signature
        let date = ISODateTime.format(signature.date, in: context.ledger.config.timeZone)
        return [
            "GIT_AUTHOR_NAME": signature.name, "GIT_AUTHOR_EMAIL": signature.email, "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": signature.name, "GIT_COMMITTER_EMAIL": signature.email, "GIT_COMMITTER_DATE": date,
        ]
    }

    /// Uncommitted edits of ledger files would be mixed into the merge or lost in it.
    static func refuseUncommittedEdits(_ repository: GitRepository, language: Language) throws(ReclamError) {
        let m = Messages(language)
        let entries = try git(m) { try repository.status() }
        let ledgerFiles = entries.filter { entry in
            entry.path.hasPrefix(Ledger.casesFolder + "/") || entry.path.hasPrefix(Action.folder + "/")
                || entry.path == LedgerConfig.fileName
        }
        guard !ledgerFiles.isEmpty else { return }
        // One line: the CLI writes a message on one line, a line break would show as `\n`.
        throw .refused(m.format(.syncUncommitted, ledgerFiles.map(\.path).joined(separator: ", ")))
    }

    /// Unmerged paths, and files of the merge that still hold conflict markers.
    public static func remainingConflicts(_ repository: GitRepository, root: URL) throws(ReclamError) -> [String] {
        var left = Set(try repository.unmergedPaths())
        let changed = try GitCommand.run(["diff", "--name-only", "-z", "HEAD"], in: root).text.split(separator: "\0").map(String.init)
        for path in changed where path.hasSuffix(".md") {
            if let data = try? Data(contentsOf: root.appendingPathComponent(path)), ConflictMarkers.mayContain(data),
                let text = try? TextFile.decode(data), ConflictMarkers.firstMarkerLine(in: text.text) != nil
            {
                left.insert(path)
            }
        }
        return left.sorted()
    }

    static func commits(root: URL, range: String) throws(ReclamError) -> [CommitLine] {
        let output = try GitCommand.run(["log", "--reverse", "--no-merges", "--format=%H%x1f%s%x1f%an%x1e", range], in: root)
        guard output.status == 0 else { return [] }
        return output.text.split(separator: "\u{1e}").compactMap { record in
            let fields = record.trimmingCharacters(in: .newlines).split(separator: "\u{1f}", omittingEmptySubsequences: false)
            guard fields.count == 3 else { return nil }
            return CommitLine(id: String(fields[0]), summary: String(fields[1]), author: String(fields[2]))
        }
    }

    /// `body`'s failure as a `ReclamError`; a `GitError` worded in the language of `m`.
    static func git<T>(_ m: Messages, _ body: () throws -> T) throws(ReclamError) -> T {
        do { return try body() } catch let error as ReclamError { throw error } catch let error as GitError {
            throw ReclamError(error.isRefusal ? .refused : .git, error.text(m))
        } catch {
            throw ReclamError(.git, "\(error)")
        }
    }
}
