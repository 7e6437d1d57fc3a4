import Foundation
import ReclamCore
import ReclamGit

/// Reads and parses many ledger files at once, on every core.
public enum LedgerReader {
    public struct Loaded<Value: Sendable>: Sendable {
        public var path: String
        public var result: Result<Value, LoadFailure>
    }

    public struct LoadFailure: Error, Sendable {
        public var diagnostic: Diagnostic

        package init(diagnostic: Diagnostic) {
            self.diagnostic = diagnostic
        }
    }

    public static func documents(_ paths: [String], in ledger: Ledger) -> [Loaded<MarkdownDocument>] {
        Parallel.map(paths) { path in
            Loaded(path: path, result: readDocument(path, in: ledger))
        }
    }

    public static func readDocument(_ path: String, in ledger: Ledger) -> Result<MarkdownDocument, LoadFailure> {
        let data: Data
        do {
            data = try FileSystem.readRegularFile(path: ledger.root.path + "/" + path, limit: TextFile.maximumSize)
        } catch {
            let rule = error.rule
            let m = Messages(ledger.config.language)
            let message: String
            switch rule {
            case .fileTooLarge: message = m.format(.fileSizeOver, String(error.size), String(error.limit))
            case .fileSymlink: message = m[.fileSymlink]
            default: message = m.format(.fileCannotRead, error.message)
            }
            return .failure(LoadFailure(diagnostic: Diagnostic(rule, message, file: path)))
        }
        if let conflict = conflictDiagnostic(data, path: path, language: ledger.config.language) {
            return .failure(LoadFailure(diagnostic: conflict))
        }
        do {
            return .success(try MarkdownDocument.parse(data: data))
        } catch {
            return .failure(LoadFailure(diagnostic: error.diagnostic(file: path, language: ledger.config.language)))
        }
    }

    /// A file left with conflict markers by a merge is unresolved, whether or not it still
    /// parses: reading half of each side would be wrong. The test is a memchr scan.
    public static func conflictDiagnostic(_ data: Data, path: String, language: Language = .en) -> Diagnostic? {
        guard ConflictMarkers.mayContain(data), let text = try? TextFile.decode(data),
            let line = ConflictMarkers.firstMarkerLine(in: text.text)
        else { return nil }
        let name = (path as NSString).lastPathComponent
        let id = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        let resolvable = (path.hasPrefix("cases/") && name != Ledger.learnerFile) || path.hasPrefix(Action.folder + "/")
        return Diagnostic(
            .mergeConflict, Messages(language).conflictProblem(resolving: resolvable ? id : nil), file: path,
            at: SourceLocation(line: line, column: 1))
    }

    /// Loads every case, keeping those that parse; the failures come back as diagnostics.
    /// Without `text`, each case keeps only its parsed fields (see `fieldsOnly`), and of those
    /// only `fields` when given.
    public static func cases(_ paths: [String], in ledger: Ledger, text: Bool = true, fields: Set<String>? = nil) -> (
        cases: [Case], diagnostics: [Diagnostic]
    ) {
        var cases: [Case] = []
        var diagnostics: [Diagnostic] = []
        cases.reserveCapacity(paths.count)
        let loadedFiles = Parallel.map(paths) { path in
            Loaded(path: path, result: readDocument(path, in: ledger).map { text && fields == nil ? $0 : $0.fieldsOnly(keeping: fields) })
        }
        for loaded in loadedFiles {
            switch loaded.result {
            case .success(let document): cases.append(Case(path: loaded.path, document: document))
            case .failure(let failure): diagnostics.append(failure.diagnostic)
            }
        }
        return (cases, diagnostics)
    }
}
