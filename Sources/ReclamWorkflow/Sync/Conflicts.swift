import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// The conflicts a merge left in case and action files, read back from their markers, and
/// their resolution by `reclam resolve`.
public enum Conflicts {
    public struct Item: Sendable, Equatable {
        public var path: String
        /// The case or action id (the file's name).
        public var id: String
        public var line: Int
        public var subject: Subject
        /// What each side has: a field's value (nil when the side has no such field), the
        /// stages a side went through, or the first line of its text.
        public var ours: String?
        public var theirs: String?
        /// Who last changed the file on each side, when a merge is under way.
        public var oursBy: String?
        public var theirsBy: String?
    }

    /// What a conflict is about.
    public enum Subject: Sendable, Equatable {
        /// A front-matter field.
        case field(String)
        /// The steps, which went on from this stage (nil: from the first) differently.
        case transition(from: String?)
        /// The text, under this heading (nil: before any).
        case body(heading: String?)

        /// In the English of the JSON output: `field owner`, `transition from received`,
        /// `body (## Analyse)`.
        public var english: String {
            switch self {
            case .field(let key): "field \(key)"
            case .transition(let from): "transition from \(from ?? "the first stage")"
            case .body(let heading): "body" + (heading.map { " (\($0))" } ?? "")
            }
        }
    }

    public enum Side: String, Sendable, CaseIterable {
        case ours, theirs
    }

    /// Every conflict in the ledger's case and action files.
    public static func list(_ ledger: Ledger, repository: GitRepository) throws(ReclamError) -> [Item] {
        let paths = try conflictedPaths(ledger, repository: repository)
        let merging = repository.isMerging
        var items: [Item] = []
        for path in paths {
            guard let data = try? Data(contentsOf: ledger.url(path)), let file = try? TextFile.decode(data) else { continue }
            var found = Conflicts.items(in: file.text, path: path)
            if merging {
                let oursBy = lastAuthor(ledger.root, "HEAD", path)
                let theirsBy = lastAuthor(ledger.root, "MERGE_HEAD", path)
                for index in found.indices {
                    found[index].oursBy = oursBy
                    found[index].theirsBy = theirsBy
                }
            }
            items += found
        }
        return items
    }

    /// Case and action files with markers, and the paths git still lists as unmerged.
    static func conflictedPaths(_ ledger: Ledger, repository: GitRepository) throws(ReclamError) -> [String] {
        var paths = Set(try repository.unmergedPaths().filter { $0.hasSuffix(".md") })
        let actions = ((try? FileManager.default.contentsOfDirectory(atPath: ledger.url(Action.folder).path)) ?? [])
            .filter { $0.hasSuffix(".md") }.map { "\(Action.folder)/\($0)" }
        let candidates = try LedgerScan.scan(ledger).casePaths + actions
        let marked = Parallel.map(candidates) { path -> String? in
            guard let data = try? Data(contentsOf: ledger.url(path)), ConflictMarkers.mayContain(data),
                let text = try? TextFile.decode(data), ConflictMarkers.firstMarkerLine(in: text.text) != nil
            else { return nil }
            return path
        }
        paths.formUnion(marked.compactMap { $0 })
        return paths.sorted()
    }

    static func lastAuthor(_ root: URL, _ revision: String, _ path: String) -> String? {
        guard let output = try? GitCommand.run(["log", "-1", "--format=%an", revision, "--", path], in: root), output.status == 0 else {
            return nil
        }
        let name = output.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return name.isEmpty ? nil : name
    }

    /// The conflicts of one file, from its markers.
    static func items(in text: String, path: String) -> [Item] {
        let name = (path as NSString).lastPathComponent
        let id = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        let regions = ConflictMarkers.regions(in: text)
        let lines = ConflictMarkers.lines(text)
        let closing = closingLine(lines, regions: regions)
        let hasSteps = regions.contains { keys($0.ours + $0.theirs).contains("steps") }
        var items: [Item] = []
        for region in regions {
            func item(_ subject: Subject, _ ours: String?, _ theirs: String?) -> Item {
                Item(path: path, id: id, line: region.line, subject: subject, ours: ours, theirs: theirs)
            }
            guard let closing, region.line < closing else {
                let heading = lines[..<(region.line - 1)].last { $0.hasPrefix("#") }.map(String.init)
                items.append(item(.body(heading: heading), summary(region.ours), summary(region.theirs)))
                continue
            }
            let regionKeys = keys(region.ours + region.theirs)
            if regionKeys.contains("steps") {
                let ours = stepStages(region.ours)
                let theirs = stepStages(region.theirs)
                let common = zip(ours, theirs).prefix { $0 == $1 }.count
                items.append(
                    item(
                        .transition(from: common > 0 ? ours[common - 1] : nil), ours.dropFirst(common).joined(separator: " → "),
                        theirs.dropFirst(common).joined(separator: " → ")))
                continue
            }
            for key in regionKeys where !(key == "stage" && hasSteps) {
                items.append(item(.field(key), value(of: key, in: region.ours), value(of: key, in: region.theirs)))
            }
        }
        return items
    }

    /// The line (1-based) closing the front-matter, outside any region.
    static func closingLine(_ lines: [Substring], regions: [ConflictMarkers.Region]) -> Int? {
        guard lines.first.map({ $0.trimmingCharacters(in: .whitespaces) == "---" }) == true else { return nil }
        for (offset, line) in lines.enumerated().dropFirst() {
            let number = offset + 1
            if regions.contains(where: { $0.lines.contains(number) }) { continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "---" || trimmed == "..." { return number }
        }
        return nil
    }

    /// Top-level keys written on these lines, in order.
    static func keys(_ lines: [String]) -> [String] {
        var out: [String] = []
        for line in lines {
            guard let first = line.first, first.isLetter || first == "_", let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }), !out.contains(key) else { continue }
            out.append(key)
        }
        return out
    }

    static func value(of key: String, in lines: [String]) -> String? {
        guard let line = lines.first(where: { $0.hasPrefix(key + ":") }) else { return nil }
        let value = line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? "(list)" : value
    }

    static func stepStages(_ lines: [String]) -> [String] {
        lines.compactMap { line in
            guard let range = line.range(of: "stage:") else { return nil }
            let rest = line[range.upperBound...].drop { $0 == " " }
            let stage = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            return stage.isEmpty ? nil : String(stage)
        }
    }

    static func summary(_ lines: [String]) -> String {
        let text = lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        return text.count > 60 ? String(text.prefix(59)) + "…" : text
    }

    // MARK: Resolving

    public struct Resolution: Sendable {
        public var path: String
        /// Conflicts still marked in the file.
        public var remaining: Int
    }

    /// Settles the conflicts of one case or action: `sets` replace the fields they name in the
    /// regions that hold them; `take` chooses a side for every other region. The file is
    /// written only when what is left parses; once no marker is left and a merge is under
    /// way, the file is marked resolved (`git add`), so that `reclam sync` can commit the merge.
    public static func resolve(
        id: String, take: Side?, sets: [(field: String, value: String)], ledger: Ledger, repository: GitRepository
    ) throws(ReclamError) -> Resolution {
        let m = Messages(ledger.config.language)
        let paths = try conflictedPaths(ledger, repository: repository)
        guard let path = paths.first(where: { ($0 as NSString).lastPathComponent == "\(id).md" }) else {
            throw ReclamError(.usage, .noConflictFor, id)
        }
        let data: Data
        let file: TextFile
        do {
            data = try Data(contentsOf: ledger.url(path))
            file = try TextFile.decode(data)
        } catch {
            throw .io(m.format(.cannotRead, path, "\(error)"))
        }
        var unsettled = 0
        let text = ConflictMarkers.resolving(file.text) { region in
            let regionKeys = keys(region.ours + region.theirs)
            let named = sets.filter { regionKeys.contains($0.field) }
            if !named.isEmpty {
                var lines =
                    regionKeys.contains(where: { key in named.contains { $0.field == key } && value(of: key, in: region.ours) != nil })
                    ? region.ours : region.theirs
                for (field, value) in named {
                    let line = "\(field): \(YAMLScalarWriter.block(value))"
                    if let index = lines.firstIndex(where: { $0.hasPrefix(field + ":") }) {
                        lines[index] = line
                    } else {
                        lines.append(line)
                    }
                }
                return lines
            }
            switch take {
            case .ours: return region.ours
            case .theirs: return region.theirs
            case nil:
                unsettled += 1
                return ["\(ConflictMarkers.ours) \(region.oursLabel)"] + region.ours
                    + (region.baseLines.map { ["\(ConflictMarkers.base)"] + $0 } ?? [])
                    + [ConflictMarkers.separator] + region.theirs + ["\(ConflictMarkers.theirs) \(region.theirsLabel)"]
            }
        }
        if unsettled == 0 {
            do { _ = try MarkdownDocument.parse(TextFile(text: text, hasBOM: file.hasBOM, lineEnding: file.lineEnding)) } catch {
                throw .refused(m.format(.syncResolvedInvalid, path, m.documentProblem(error)))
            }
        }
        let out = TextFile(text: text, hasBOM: file.hasBOM, lineEnding: file.lineEnding).data
        if out != data {
            do { try out.write(to: ledger.url(path), options: .atomic) } catch {
                throw .io(m.format(.cannotWrite, path, error.localizedDescription))
            }
        }
        if unsettled == 0 && repository.isMerging {
            let added = try GitCommand.run(["add", "--", path], in: ledger.root)
            if added.status != 0 { throw ReclamError(.git, m.format(.syncGitAddFailed, path, added.errorText)) }
        }
        return Resolution(path: path, remaining: unsettled)
    }
}
