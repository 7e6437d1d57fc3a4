import Foundation

/// One commit of the history, with the files it changed (from `git log --raw`).
public struct HistoryCommit: Sendable {
    public var id: String
    public var parents: [String]
    public var authorName: String
    public var authorEmail: String
    public var authorDateText: String
    public var committerDateText: String
    public var summary: String
    public var trailers: [(key: String, value: String)]
    public var changes: [FileChange]

    public var authorDate: Date? { ISODateTime.parse(authorDateText)?.date }
    public var committerDate: Date? { ISODateTime.parse(committerDateText)?.date }

    public func trailer(_ key: String) -> String? {
        trailers.first { $0.key.caseInsensitiveCompare(key) == .orderedSame }?.value
    }
}

public struct FileChange: Sendable {
    /// A (added), M (modified), D (deleted), R (renamed), T (type changed), C (copied).
    public var status: Character
    public var oldPath: String?
    public var path: String
    public var oldBlob: String?
    public var newBlob: String?
}

/// Reads history with the git CLI, read-only.
///
/// Why not libgit2 here: per-path history needs git's commit-graph and changed-path Bloom
/// filters to stay fast on tens of thousands of commits, and libgit2 1.5 reads neither (a
/// revwalk with a diff per commit is two orders of magnitude slower). All writes still go
/// through libgit2; blob contents are read through libgit2 too.
public enum GitHistory {
    static let recordSeparator = "\u{1E}"
    static let fieldSeparator = "\u{1F}"
    static let trailerSeparator = "\u{1D}"

    public static func log(in root: URL, arguments: [String], paths: [String] = []) throws(ReclamError) -> [HistoryCommit] {
        let format =
            "--format=\(recordSeparator)%H\(fieldSeparator)%P\(fieldSeparator)%an\(fieldSeparator)%ae\(fieldSeparator)%aI\(fieldSeparator)%cI\(fieldSeparator)%s\(fieldSeparator)%(trailers:unfold,separator=\(trailerSeparator))\(fieldSeparator)"
        var command =
            ["-C", root.path, "-c", "core.quotePath=false", "log", "--no-color", "--no-abbrev", "--raw", "-z", format] + arguments
        command += ["--"] + paths
        let output = try run(command)
        return parse(output)
    }

    /// Runs a read-only git command and returns its standard output; empty when the branch has no commit yet.
    static func run(_ arguments: [String]) throws(ReclamError) -> Data {
        let process = try GitProcess(arguments)
        let data = process.readToEnd()
        return try process.finish() ? data : Data()
    }

    /// With `-z`, the raw part is `:modes shas status NUL path NUL [path NUL]`.
    static func parse(_ data: Data) -> [HistoryCommit] {
        let text = String(decoding: data, as: UTF8.self)
        var commits: [HistoryCommit] = []
        for record in text.split(separator: Character(recordSeparator), omittingEmptySubsequences: true) {
            let fields = record.split(separator: Character(fieldSeparator), maxSplits: 8, omittingEmptySubsequences: false)
            guard fields.count >= 9 else { continue }
            var trailers: [(key: String, value: String)] = []
            for line in fields[7].split(separator: Character(trailerSeparator)) {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let key = String(line[line.startIndex..<colon]).trimmingCharacters(in: .whitespaces)
                let value = String(line[colon...].dropFirst()).trimmingCharacters(in: .whitespacesAndNewlines)
                trailers.append((key, value))
            }
            var commit = HistoryCommit(
                id: String(fields[0]), parents: fields[1].split(separator: " ").map(String.init), authorName: String(fields[2]),
                authorEmail: String(fields[3]), authorDateText: String(fields[4]), committerDateText: String(fields[5]),
                summary: String(fields[6]),
                trailers: trailers, changes: [])
            commit.changes = parseRaw(fields[8])
            commits.append(commit)
        }
        return commits
    }

    static func parseRaw(_ raw: Substring) -> [FileChange] {
        var parts = raw.split(separator: "\0", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .newlines) }[...]
        var changes: [FileChange] = []
        while let head = parts.first {
            parts = parts.dropFirst()
            guard head.hasPrefix(":") else { continue }
            let columns = head.dropFirst().split(separator: " ")
            guard columns.count >= 5, let status = columns[4].first else { continue }
            let zero = String(repeating: "0", count: 40)
            let oldBlob = String(columns[2]) == zero ? nil : String(columns[2])
            let newBlob = String(columns[3]) == zero ? nil : String(columns[3])
            guard let first = parts.first else { break }
            parts = parts.dropFirst()
            if status == "R" || status == "C" {
                guard let second = parts.first else { break }
                parts = parts.dropFirst()
                changes.append(FileChange(status: status, oldPath: first, path: second, oldBlob: oldBlob, newBlob: newBlob))
            } else {
                changes.append(
                    FileChange(status: status, oldPath: status == "A" ? nil : first, path: first, oldBlob: oldBlob, newBlob: newBlob))
            }
        }
        return changes
    }
}
