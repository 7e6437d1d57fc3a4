import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// A conflict the merge of two versions of a case could not settle.
public struct MergeConflict: Sendable, Equatable, CustomStringConvertible {
    public enum Subject: Sendable, Equatable {
        /// The same front-matter field given two different values.
        case field(String)
        /// Two transitions leaving the same stage for different stages.
        case transition(from: String)
        /// Overlapping edits of the text (body, or a file reclam cannot read).
        case text(String)
    }

    public var subject: Subject
    public var ours: String
    public var theirs: String

    public var description: String {
        switch subject {
        case .field(let name): "field '\(name)': ours '\(ours)', theirs '\(theirs)'"
        case .transition(let from): "transition from '\(from)': ours to '\(ours)', theirs to '\(theirs)'"
        case .text(let part): "\(part): both sides changed the same lines"
        }
    }
}

public struct CaseMergeResult: Sendable {
    /// The merged file; with conflicts, it holds conflict markers where they are.
    public var data: Data
    public var conflicts: [MergeConflict]
    public var clean: Bool { conflicts.isEmpty }
}

/// The three-way merge of a case (or action) file that knows what the file means:
/// front-matter field by field, steps by time when the procedure allows the result, journal
/// lines by time, the rest of the body as git merges text. Pure: bytes in, bytes out.
public enum CaseMerge {
    public static func merge(
        base: Data?, ours: Data, theirs: Data, procedure: Procedure?, oursLabel: String = "ours", theirsLabel: String = "theirs"
    ) -> CaseMergeResult {
        let labels = Labels(ours: oursLabel, theirs: theirsLabel)
        guard let oursFile = try? TextFile.decode(ours), let theirsFile = try? TextFile.decode(theirs) else {
            // Not text reclam can read: keep ours, as git does for a binary file.
            return CaseMergeResult(data: ours, conflicts: [MergeConflict(subject: .text("file"), ours: "", theirs: "")])
        }
        let baseFile =
            base.flatMap { try? TextFile.decode($0) } ?? TextFile(text: "", hasBOM: oursFile.hasBOM, lineEnding: oursFile.lineEnding)
        // The file's own conventions: a change of BOM or line ending on one side only wins.
        let hasBOM = pick(baseFile.hasBOM, oursFile.hasBOM, theirsFile.hasBOM) ?? oursFile.hasBOM
        let lineEnding = pick(baseFile.lineEnding, oursFile.lineEnding, theirsFile.lineEnding) ?? oursFile.lineEnding
        let texts = (lf(baseFile.text), lf(oursFile.text), lf(theirsFile.text))
        var merger = Merger(procedure: procedure, labels: labels)
        let merged = merger.merge(base: texts.0, ours: texts.1, theirs: texts.2)
        let out = TextFile(
            text: lineEnding == "\n" ? merged : merged.replacingOccurrences(of: "\n", with: lineEnding), hasBOM: hasBOM,
            lineEnding: lineEnding)
        return CaseMergeResult(data: out.data, conflicts: merger.conflicts)
    }

    struct Labels {
        var ours: String
        var theirs: String
    }

    static func lf(_ text: String) -> String {
        text.utf8.contains(0x0D) ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
    }

    /// The three-way rule: equal sides agree, a side equal to the base takes the other; nil is
    /// a conflict. A missing value (nil inside) is a value too: a deletion.
    static func pick<T: Equatable>(_ base: T, _ ours: T, _ theirs: T) -> T? {
        if ours == theirs { return ours }
        if ours == base { return theirs }
        if theirs == base { return ours }
        return nil
    }
}

/// One merge; collects the conflicts as it goes.
struct Merger {
    let procedure: Procedure?
    let labels: CaseMerge.Labels
    var conflicts: [MergeConflict] = []

    init(procedure: Procedure?, labels: CaseMerge.Labels) {
        self.procedure = procedure
        self.labels = labels
    }

    mutating func merge(base: String, ours: String, theirs: String) -> String {
        if let result = CaseMerge.pick(base, ours, theirs) { return result }
        guard let o = SplitFile(ours), let t = SplitFile(theirs) else {
            return textMerge(base: base, ours: ours, theirs: theirs, part: "file")
        }
        let b = SplitFile(base) ?? SplitFile.empty
        var lines = [o.opening]
        lines += mergeFrontMatter(b, o, t)
        lines.append(o.closing)
        return lines.map { $0 + "\n" }.joined() + mergeBody(b, o, t)
    }

    // MARK: Text

    mutating func textMerge(base: String, ours: String, theirs: String, part: String) -> String {
        if let result = CaseMerge.pick(base, ours, theirs) { return result }
        guard let result = try? TextMerge.merge(base: base, ours: ours, theirs: theirs, oursLabel: labels.ours, theirsLabel: labels.theirs)
        else {
            conflicts.append(MergeConflict(subject: .text(part), ours: "", theirs: ""))
            return markers(ours: [ours], theirs: [theirs]).joined(separator: "\n") + "\n"
        }
        if !result.clean { conflicts.append(MergeConflict(subject: .text(part), ours: "", theirs: "")) }
        return result.text
    }

    func markers(ours: [String], theirs: [String]) -> [String] {
        ["\(ConflictMarkers.ours) \(labels.ours)"] + ours + [ConflictMarkers.separator] + theirs + [
            "\(ConflictMarkers.theirs) \(labels.theirs)"
        ]
    }

    // MARK: Front-matter

    mutating func mergeFrontMatter(_ b: SplitFile, _ o: SplitFile, _ t: SplitFile) -> [String] {
        var out: [String] = []
        if let preamble = CaseMerge.pick(b.preamble, o.preamble, t.preamble) {
            out += preamble
        } else {
            out += lines(
                of: textMerge(base: text(b.preamble), ours: text(o.preamble), theirs: text(t.preamble), part: "front-matter comments"))
        }
        // Keys in ours' order; a key only theirs has goes after the key it follows there.
        var order = o.keys
        for (position, key) in t.keys.enumerated() where !order.contains(key) {
            let previous = t.keys[..<position].last { order.contains($0) }
            let at = previous.flatMap { order.firstIndex(of: $0) }.map { $0 + 1 } ?? order.count
            order.insert(key, at: at)
        }
        let steps = mergeSteps(b, o, t)
        for key in order {
            if key == "steps", let steps {
                out += steps.lines
                continue
            }
            if key == "stage", let steps, let stage = steps.stage {
                out += stageLines(stage, o, t)
                continue
            }
            let (bv, ov, tv) = (b.blocks[key], o.blocks[key], t.blocks[key])
            if let value = CaseMerge.pick(bv, ov, tv) {
                out += value ?? []
                continue
            }
            if key == "stage" && steps?.conflicted == true {
                // Part of the transition conflict already reported.
                out += markers(ours: ov ?? [], theirs: tv ?? [])
                continue
            }
            // The same value written two ways (`[a, b]` and `["a", "b"]`, by two versions of
            // Reclam or by hand) is no conflict: ours, as written.
            if let value = o.plainValue(key), value == t.plainValue(key) {
                out += ov ?? []
                continue
            }
            conflicts.append(
                MergeConflict(subject: .field(key), ours: o.scalar(key) ?? "(removed)", theirs: t.scalar(key) ?? "(removed)"))
            out += markers(ours: ov ?? [], theirs: tv ?? [])
        }
        return out
    }

    func stageLines(_ stage: String, _ o: SplitFile, _ t: SplitFile) -> [String] {
        if o.scalar("stage") == stage, let block = o.blocks["stage"] { return block }
        if t.scalar("stage") == stage, let block = t.blocks["stage"] { return block }
        return ["stage: \(stage)"]
    }

    struct MergedSteps {
        var lines: [String]
        /// The stage the merged steps end at, when both sides added steps.
        var stage: String?
        var conflicted = false
    }

    /// Nil when the generic field rule settles `steps` (one side or neither changed them).
    mutating func mergeSteps(_ b: SplitFile, _ o: SplitFile, _ t: SplitFile) -> MergedSteps? {
        let (bb, ob, tb) = (b.blocks["steps"], o.blocks["steps"], t.blocks["steps"])
        if CaseMerge.pick(bb, ob, tb) != nil { return nil }
        guard let os = o.steps, let ts = t.steps, let ob, let tb else { return nil }
        let bs = b.steps ?? StepList(header: [], items: [])
        let baseCount = bs.items.count
        guard os.items.count >= baseCount, ts.items.count >= baseCount,
            Array(os.items.prefix(baseCount)) == bs.items, Array(ts.items.prefix(baseCount)) == bs.items
        else { return nil }
        let newOurs = Array(os.items.dropFirst(baseCount))
        let newTheirs = Array(ts.items.dropFirst(baseCount))
        let header = CaseMerge.pick(bs.header, os.header, ts.header) ?? os.header
        let startStage = bs.items.last?.stage ?? b.scalar("stage") ?? procedure?.initialStage?.id ?? ""
        let fields: (String) -> String? = { o.scalar($0) ?? t.scalar($0) }

        // By time; ours first at equal times.
        var merged: [(item: StepItem, ours: Bool)] = []
        var i = 0
        var j = 0
        while i < newOurs.count || j < newTheirs.count {
            if j >= newTheirs.count || (i < newOurs.count && newOurs[i].at <= newTheirs[j].at) {
                merged.append((newOurs[i], true))
                i += 1
            } else {
                merged.append((newTheirs[j], false))
                j += 1
            }
        }
        // Replay under the procedure. The same transition made on both sides is one step.
        var current = startStage
        var accepted: [StepItem] = []
        var made: [(from: String, to: String, ours: Bool)] = []
        var previous = (ours: startStage, theirs: startStage)
        var legal = procedure != nil
        for (item, isOurs) in merged where legal {
            let ownFrom = isOurs ? previous.ours : previous.theirs
            if isOurs { previous.ours = item.stage } else { previous.theirs = item.stage }
            if item.stage == current && made.contains(where: { $0.from == ownFrom && $0.to == item.stage && $0.ours != isOurs }) {
                continue
            }
            // In sequence: each step leaves the stage the merged history is at, by an allowed move.
            guard ownFrom == current, procedure?.transition(from: current, to: item.stage, fields: fields) != nil
            else {
                legal = false
                break
            }
            made.append((current, item.stage, isOurs))
            accepted.append(item)
            current = item.stage
        }
        if legal {
            return MergedSteps(lines: header + bs.items.flatMap(\.lines) + accepted.flatMap(\.lines), stage: current)
        }
        conflicts.append(
            MergeConflict(
                subject: .transition(from: startStage), ours: newOurs.first.map(\.summary) ?? startStage,
                theirs: newTheirs.first.map(\.summary) ?? startStage))
        return MergedSteps(lines: markers(ours: ob, theirs: tb), stage: nil, conflicted: true)
    }

    // MARK: Body

    mutating func mergeBody(_ b: SplitFile, _ o: SplitFile, _ t: SplitFile) -> String {
        if let body = CaseMerge.pick(b.body, o.body, t.body) { return body }
        guard let oj = JournalSplit(o.body), let tj = JournalSplit(t.body) else {
            return textMerge(base: b.body, ours: o.body, theirs: t.body, part: "body")
        }
        let bj = JournalSplit(b.body) ?? JournalSplit(before: b.body, heading: oj.heading, entries: [], after: "")
        var out = textMerge(base: bj.before, ours: oj.before, theirs: tj.before, part: "body")
        out += oj.heading + "\n"
        out += mergeJournal(bj.entries, oj.entries, tj.entries).map { $0 + "\n" }.joined()
        out += textMerge(base: bj.after, ours: oj.after, theirs: tj.after, part: "body")
        return out
    }

    /// Ours' lines, less the base lines theirs removed, with theirs' new lines put in by time.
    func mergeJournal(_ base: [String], _ ours: [String], _ theirs: [String]) -> [String] {
        if let lines = CaseMerge.pick(base, ours, theirs) { return lines }
        let removedByTheirs = base.filter { !theirs.contains($0) }
        var out = ours.filter { !removedByTheirs.contains($0) }
        let added = theirs.filter { !base.contains($0) && !ours.contains($0) }
        for line in added {
            guard let time = JournalSplit.time(of: line) else {
                let lastText = out.lastIndex { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                out.insert(line, at: lastText.map { $0 + 1 } ?? out.count)
                continue
            }
            let timed = out.indices.compactMap { index in JournalSplit.time(of: out[index]).map { (index, $0) } }
            if let after = timed.last(where: { $0.1 <= time }) {
                out.insert(line, at: after.0 + 1)
            } else if let first = timed.first {
                out.insert(line, at: first.0)
            } else {
                let lastText = out.lastIndex { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                out.insert(line, at: lastText.map { $0 + 1 } ?? out.count)
            }
        }
        return out
    }

    // MARK: Helpers

    func text(_ lines: [String]) -> String { lines.map { $0 + "\n" }.joined() }

    func lines(of text: String) -> [String] {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// One step of a `steps` list, with the lines it is written on.
struct StepItem: Equatable {
    var lines: [String]
    var stage: String
    var at: Date
    var by: String

    static func == (lhs: StepItem, rhs: StepItem) -> Bool {
        lhs.lines.map { $0.trimmingCharacters(in: .whitespaces) } == rhs.lines.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    var summary: String { "\(stage) (\(by))" }
}

struct StepList {
    var header: [String]
    var items: [StepItem]
}

/// A case file (LF line endings) cut along what the merge treats separately.
struct SplitFile {
    var opening: String
    var closing: String
    /// Front-matter lines before the first field (comments).
    var preamble: [String]
    var keys: [String]
    /// Each field's lines: its key line to the line before the next key.
    var blocks: [String: [String]]
    var body: String
    var document: MarkdownDocument?
    var steps: StepList?

    static let empty = SplitFile(opening: "---", closing: "---", preamble: [], keys: [], blocks: [:], body: "", document: nil, steps: nil)

    private init(
        opening: String, closing: String, preamble: [String], keys: [String], blocks: [String: [String]], body: String,
        document: MarkdownDocument?, steps: StepList?
    ) {
        self.opening = opening
        self.closing = closing
        self.preamble = preamble
        self.keys = keys
        self.blocks = blocks
        self.body = body
        self.document = document
        self.steps = steps
    }

    init?(_ text: String) {
        guard !ConflictMarkers.mayContain(Data(text.utf8)), let document = try? MarkdownDocument.parse(TextFile(text: text)),
            let pairs = document.root?.pairs ?? (document.root == nil ? [] : nil)
        else { return nil }
        let all = text.components(separatedBy: "\n")
        // Line numbers are 1-based; the opening line is 1.
        let closingIndex = text[..<document.frontMatter.closingLineRange.lowerBound].utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        opening = all[0]
        closing = all[closingIndex]
        let firstKeyIndex = pairs.first.map { $0.keyStart.line - 1 } ?? closingIndex
        preamble = Array(all[1..<firstKeyIndex])
        keys = pairs.map(\.key)
        var blocks: [String: [String]] = [:]
        for (position, pair) in pairs.enumerated() {
            let start = pair.keyStart.line - 1
            let end = position + 1 < pairs.count ? pairs[position + 1].keyStart.line - 1 : closingIndex
            blocks[pair.key] = Array(all[start..<max(start, end)])
        }
        self.blocks = blocks
        body = String(text[document.frontMatter.bodyRange])
        self.document = document
        steps = nil
        if let pair = pairs.first(where: { $0.key == "steps" }), let block = blocks["steps"] {
            steps = Self.stepList(pair, block: block)
        }
    }

    func scalar(_ key: String) -> String? { document?.string(key) }

    /// The field's value as a reader sees it, whatever its quoting: a scalar, or a list of
    /// scalars; nil for anything else (a mapping, a list of mappings, no such field).
    func plainValue(_ key: String) -> [String]? {
        guard let node = document?.root?.pairs?.first(where: { $0.key == key })?.value else { return nil }
        if let scalar = node.scalar { return ["scalar", scalar] }
        guard let items = node.items, items.allSatisfy({ $0.scalar != nil }) else { return nil }
        return ["list"] + items.compactMap(\.scalar)
    }

    /// Items of a block list with a stage and a time each; nil for any other shape.
    static func stepList(_ pair: YAMLPair, block: [String]) -> StepList? {
        guard pair.value.style == .block || pair.value.items?.isEmpty == true, let items = pair.value.items else { return nil }
        let first = pair.keyStart.line
        var out: [StepItem] = []
        for (position, item) in items.enumerated() {
            guard let stage = item["stage"]?.scalar, let atText = item["at"]?.scalar, let at = ISODateTime.parse(atText)?.date else {
                return nil
            }
            let start = item.start.line - first
            let end = position + 1 < items.count ? items[position + 1].start.line - first : block.count
            guard start > 0, start < end, end <= block.count else { return nil }
            out.append(StepItem(lines: Array(block[start..<end]), stage: stage, at: at, by: item["by"]?.scalar ?? ""))
        }
        let headerEnd = items.first.map { $0.start.line - first } ?? block.count
        return StepList(header: Array(block[0..<headerEnd]), items: out)
    }
}

/// A body cut around its `## Journal` section.
struct JournalSplit {
    var before: String
    var heading: String
    /// The section's lines after the heading, up to the next heading.
    var entries: [String]
    var after: String

    init(before: String, heading: String, entries: [String], after: String) {
        self.before = before
        self.heading = heading
        self.entries = entries
        self.after = after
    }

    init?(_ body: String) {
        var lines = body.components(separatedBy: "\n")
        let endsWithNewline = lines.last == ""
        if endsWithNewline { lines.removeLast() }
        guard let headingIndex = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "## Journal" }) else {
            return nil
        }
        let rest = lines[(headingIndex + 1)...]
        let next = rest.firstIndex { $0.hasPrefix("# ") || $0.hasPrefix("## ") } ?? lines.count
        before = lines[..<headingIndex].map { $0 + "\n" }.joined()
        heading = lines[headingIndex]
        entries = Array(lines[(headingIndex + 1)..<next])
        var after = lines[next...].map { $0 + "\n" }.joined()
        if !endsWithNewline {
            // Keep a missing final line break missing.
            if next < lines.count {
                after.removeLast()
            } else if !entries.isEmpty {
                return nil
            }
        }
        self.after = after
    }

    /// The time of a journal line `- 2026-10-05 11:02 +02:00 — …`.
    static func time(of line: String) -> Date? {
        let words = line.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: true)
        guard words.count >= 4, words[0] == "-" else { return nil }
        return ISODateTime.parse("\(words[1])T\(words[2]):00\(words[3])")?.date
    }
}
