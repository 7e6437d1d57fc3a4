import Foundation
import ReclamCore
import ReclamGit

/// What is under `cases/`: the case files, the learner files, and anything that does not belong.
public struct LedgerScan: Sendable {
    public var casePaths: [String] = []
    public var learnerPaths: [String] = []
    /// Learner folders, including those without a `learner.md`.
    public var learnerFolders: [String] = []
    public var diagnostics: [Diagnostic] = []

    /// Walks `cases/` two levels deep without following symlinks. Restricting the scan to
    /// `only` (ledger-relative paths) lets `reclam check PATH…` skip the rest of a large ledger.
    public static func scan(_ ledger: Ledger) throws(ReclamError) -> LedgerScan {
        var scan = LedgerScan()
        let casesURL = ledger.url(Ledger.casesFolder)
        guard FileSystem.kind(of: casesURL) != nil else { return scan }
        let learners: [FileSystem.Entry]
        do { learners = try FileSystem.list(casesURL) } catch {
            throw .io(Messages(ledger.config.language).format(.ioCannotList, casesURL.path, error.message))
        }
        // Learner folders are listed on every core (a ledger of 100 000 cases has 33 000 of
        // them), then merged in name order.
        let folders = Parallel.map(learners) { entry -> LedgerScan? in
            guard entry.kind == .directory, Identifier.problem(entry.name) == nil else { return nil }
            var folder = LedgerScan()
            folder.scanLearner(ledger, folder: "\(Ledger.casesFolder)/\(entry.name)")
            return folder
        }
        for (entry, folder) in zip(learners, folders) {
            let path = "\(Ledger.casesFolder)/\(entry.name)"
            switch entry.kind {
            case .symlink:
                scan.diagnostics.append(symlink(path, language: ledger.config.language))
            case .directory:
                if let problem = Messages(ledger.config.language).idProblem(entry.name) {
                    scan.diagnostics.append(
                        Diagnostic(
                            Identifier.rule(for: entry.name) == .idReserved ? .idReserved : .fileMisplaced,
                            Messages(ledger.config.language).format(.checkLearnerFolderName, problem), file: path))
                    continue
                }
                scan.learnerFolders.append(path)
                if let folder {
                    scan.casePaths += folder.casePaths
                    scan.learnerPaths += folder.learnerPaths
                    scan.diagnostics += folder.diagnostics
                }
            default:
                if entry.name.hasPrefix(".") { continue }
                scan.diagnostics.append(
                    Diagnostic(.fileMisplaced, Messages(ledger.config.language)[.fileDirectlyUnderCases], file: path))
            }
        }
        return scan
    }

    private mutating func scanLearner(_ ledger: Ledger, folder: String) {
        let entries: [FileSystem.Entry]
        do { entries = try FileSystem.list(path: ledger.root.path + "/" + folder) } catch {
            diagnostics.append(
                Diagnostic(.fileUnreadable, Messages(ledger.config.language).format(.fileCannotList, error.message), file: folder))
            return
        }
        let m = Messages(ledger.config.language)
        let caseIDs = Set(entries.filter { $0.name.hasSuffix(".md") }.map { String($0.name.dropLast(3)) })
        for entry in entries {
            let path = "\(folder)/\(entry.name)"
            if entry.name.hasPrefix(".") { continue }
            switch entry.kind {
            case .symlink:
                diagnostics.append(LedgerScan.symlink(path, language: ledger.config.language))
            case .file where entry.name == Ledger.learnerFile:
                learnerPaths.append(path)
            case .file where entry.name.hasSuffix(".md"):
                casePaths.append(path)
            case .directory where caseIDs.contains(entry.name):
                // A case's attachments folder, named after the case.
                continue
            case .directory:
                diagnostics.append(Diagnostic(.fileMisplaced, m[.fileFolderTooDeep], file: path))
            default:
                diagnostics.append(Diagnostic(.fileStray, m[.fileNotCase], file: path))
            }
        }
    }

    package static func symlink(_ path: String, language: Language) -> Diagnostic {
        Diagnostic(.fileSymlink, Messages(language)[.fileSymlink], file: path)
    }
}
