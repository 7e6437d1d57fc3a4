import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// `reclam check --staged`, what the pre-commit hook runs: checks what `git commit` is about to
/// record. Only the ledger files whose staged content differs from the branch are read, from
/// the index (never from the work tree, which may hold other edits), so the hook costs the
/// same in a ledger of 100 000 cases as in one of ten. Beyond `reclam check`, a staged case
/// must make a move the procedure allows, with its step (see `HandEditRules`).
public enum StagedCheck {
    /// `indexFile` is git's `GIT_INDEX_FILE` when set: `git commit -a` and `git commit PATH`
    /// stage into a temporary index and run the hooks against it.
    public static func run(root: URL, now: Date, indexFile: String? = nil, paths: [String]? = nil) throws(ReclamError) -> [Diagnostic] {
        // Before the staged reclam.yml is read, errors speak the language of the work tree's.
        func m() -> Messages { Messages((try? Ledger.open(at: root))?.config.language ?? .en) }
        let repository: GitRepository
        do { repository = try GitRepository.open(at: root.path) } catch {
            throw .io(m().format(.notGitRepository, root.path, "\(error)"))
        }
        let index: StagedIndex
        do {
            index = try StagedIndex(repository: repository, indexFile: indexFile)
        } catch {
            throw .io(m().format(.cannotReadStaged, "\(error)"))
        }
        let wanted = paths.map { list in
            { (path: String) in list.contains { $0.isEmpty || path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") } }
        }
        let files = index.changes.filter { wanted?($0.path) ?? true }
        guard !files.isEmpty else { return [] }

        var diagnostics: [Diagnostic] = []
        let ledger: Ledger
        if let configBlob = index.blobID(at: LedgerConfig.fileName) {
            let data: Data
            do { data = try repository.blob(configBlob) } catch {
                throw .io(m().format(.cannotReadStagedFile, LedgerConfig.fileName, "\(error)"))
            }
            let (config, configDiagnostics) = LedgerConfig.read(data)
            // A reclam.yml too broken to read blocks every commit: nothing else can be checked.
            if config == nil || files.contains(where: { $0.path == LedgerConfig.fileName }) { diagnostics += configDiagnostics }
            guard let config else { return diagnostics.sorted() }
            ledger = Ledger(root: root, config: config, configDiagnostics: configDiagnostics)
        } else {
            ledger = try Ledger.open(at: root)
        }

        let indexPaths = index.paths
        let casePaths = indexPaths.filter { HandEditReview.kind(of: $0) == .caseFile }
        let environment = HandEditRules.Environment(
            ledger: ledger, now: now, actor: nil,
            casePaths: { id in casePaths.filter { ($0 as NSString).lastPathComponent == id + ".md" } },
            caseIDs: { Set(casePaths.map { String(($0 as NSString).lastPathComponent.dropLast(3)) }) })
        let indexSet = Set(indexPaths)
        for file in files {
            func blob(_ id: ObjectID?) throws(ReclamError) -> Data? {
                guard let id else { return nil }
                do { return try repository.blob(id) } catch {
                    throw .io(Messages(ledger.config.language).format(.cannotReadStagedFile, file.path, "\(error)"))
                }
            }
            if file.isSymlink {
                diagnostics.append(LedgerScan.symlink(file.path, language: ledger.config.language))
                continue
            }
            if let kind = HandEditReview.kind(of: file.path) {
                let review = HandEditRules.review(
                    path: file.path, kind: kind, edited: try blob(file.new), base: try blob(file.old), environment: environment)
                diagnostics += review.diagnostics
            } else if file.path.hasPrefix("templates/letters/"), file.path.hasSuffix(".md"), let data = try blob(file.new) {
                switch Result(catching: { () throws(MarkdownDocument.Problem) in try MarkdownDocument.parse(data: data) }) {
                case .success(let document):
                    diagnostics += LetterRenderer.check(
                        path: file.path, text: document.text, procedure: ledger.config.procedure, language: ledger.config.language)
                case .failure(let problem): diagnostics.append(problem.diagnostic(file: file.path, language: ledger.config.language))
                }
            } else if file.new != nil, let problem = misplaced(file.path, indexPaths: indexSet, language: ledger.config.language) {
                diagnostics.append(problem)
            }
        }
        return diagnostics.sorted()
    }

    /// The layout rules of `cases/` (see `LedgerScan`), for a staged path.
    static func misplaced(_ path: String, indexPaths: Set<String>, language: Language) -> Diagnostic? {
        let m = Messages(language)
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.first == Ledger.casesFolder, !parts.contains(where: { $0.hasPrefix(".") }) else { return nil }
        if parts.count == 2 {
            return Diagnostic(.fileMisplaced, m[.fileDirectlyUnderCases], file: path)
        }
        if parts.count == 3 {
            return Diagnostic(.fileStray, m[.fileNotCase], file: path)
        }
        if indexPaths.contains("\(parts[0])/\(parts[1])/\(parts[2]).md") { return nil }
        return Diagnostic(.fileMisplaced, m[.fileFolderTooDeep], file: parts[0...2].joined(separator: "/"))
    }
}
