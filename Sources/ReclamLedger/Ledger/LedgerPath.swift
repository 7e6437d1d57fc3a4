import Foundation
import ReclamCore
import ReclamGit

public enum LedgerPath {
    /// Turns a path given on the command line (relative to the current directory, or absolute)
    /// into a ledger-relative path, refusing anything outside the ledger.
    public static func relative(_ path: String, root ledgerRoot: URL, currentDirectory: String = FileManager.default.currentDirectoryPath)
        throws(ReclamError)
        -> String
    {
        let absolute = path.hasPrefix("/") ? path : currentDirectory + "/" + path
        let standardized = URL(fileURLWithPath: absolute).standardizedFileURL.path
        let root = ledgerRoot.standardizedFileURL.path
        if standardized == root { return "" }
        guard standardized.hasPrefix(root + "/") else {
            throw .usage("\(path) is outside the ledger at \(root)")
        }
        return String(standardized.dropFirst(root.count + 1))
    }
}
