import Foundation

/// Finds cases by id. Ids are unique across the ledger, so a lookup is one `stat` per learner
/// folder, never a read of the case files.
public enum CaseLocator {
    public static func path(of id: String, in ledger: Ledger) throws(ReclamError) -> String {
        if let problem = Identifier.problem(id) { throw .usage(problem) }
        let folders = try learnerFolders(in: ledger)
        var found: [String] = []
        for folder in folders {
            let path = "\(Ledger.casesFolder)/\(folder)/\(id).md"
            if FileSystem.kind(of: ledger.url(path)) != nil { found.append(path) }
        }
        if found.count > 1 { throw .refused("id \(id) is used by several files: \(found.joined(separator: ", ")); run 'reclam check'") }
        guard let path = found.first else { throw .usage("no case with id \(id); 'reclam list' shows the cases") }
        return path
    }

    public static func load(_ id: String, in ledger: Ledger) throws(ReclamError) -> Case {
        let path = try path(of: id, in: ledger)
        switch LedgerReader.readDocument(path, in: ledger) {
        case .success(let document): return Case(path: path, document: document)
        case .failure(let failure):
            throw ReclamError(.refused, "case \(id) cannot be read; fix it first", diagnostics: [failure.diagnostic])
        }
    }

    static func learnerFolders(in ledger: Ledger) throws(ReclamError) -> [String] {
        let url = ledger.url(Ledger.casesFolder)
        guard FileSystem.kind(of: url) != nil else { return [] }
        do {
            return try FileSystem.list(url).filter { $0.kind == .directory }.map(\.name)
        } catch {
            throw .io("cannot list \(url.path): \(error.message)")
        }
    }

    /// Every case id with its path, from file names alone.
    public static func allIDs(in ledger: Ledger) throws(ReclamError) -> [String: String] {
        var ids: [String: String] = [:]
        for folder in try learnerFolders(in: ledger) {
            guard let entries = try? FileSystem.list(ledger.url("\(Ledger.casesFolder)/\(folder)")) else { continue }
            for entry in entries where entry.name.hasSuffix(".md") && entry.name != Ledger.learnerFile {
                ids[String(entry.name.dropLast(3))] = "\(Ledger.casesFolder)/\(folder)/\(entry.name)"
            }
        }
        return ids
    }
}
