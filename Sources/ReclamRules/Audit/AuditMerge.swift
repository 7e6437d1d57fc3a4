import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger

/// How `reclam audit` judges a merge commit.
///
/// Each branch's commits were judged on their own, against their own parents. A merge adds no
/// step of its own (but for a hand resolution): it puts the branches' steps together by time.
/// So a merge is judged on the merged `steps` as one history, from where they part from the
/// first parent's, each step leaving the stage the previous one reached by an allowed move; and
/// every step of every parent must still be there (`audit-step-lost`). The merge driver keeps
/// one step for the same transition made on both sides: a parent's step counts as kept when the
/// merged steps make the same move.
extension AuditReplay {
    func mergeFindings(_ commit: HistoryCommit, _ documents: [String: MarkdownDocument?]) -> [Diagnostic] {
        let label = Audit.label(commit, audit.messages)
        var out: [Diagnostic] = []
        var parentCases: [String: [Case]] = [:]
        // Changes against the first parent come with the log; against the others, from git.
        var sides: [(parent: String, changes: [FileChange])] = [(commit.parents[0], commit.changes)]
        for parent in commit.parents.dropFirst() {
            sides.append((parent, changes(from: parent, to: commit.id)))
        }
        for (index, side) in sides.enumerated() {
            for change in side.changes where Audit.isCaseFile(change.path) || (change.oldPath.map(Audit.isCaseFile) ?? false) {
                let oldPath = change.oldPath ?? change.path
                guard let oldBlob = change.oldBlob, let parentDocument = documents[oldBlob] ?? parseBlob(oldBlob) else { continue }
                let parentCase = Case(path: oldPath, document: parentDocument)
                parentCases[change.path, default: []].append(parentCase)
                let merged = change.newBlob.flatMap { documents[$0] ?? parseBlob($0) }.map { Case(path: change.path, document: $0) }
                // A file the merge deleted against the first parent is already `audit-case-deleted`.
                if merged == nil && index == 0 { continue }
                for step in lostSteps(of: parentCase, in: merged) {
                    out.append(
                        Diagnostic(
                            .auditStepLost,
                            "\(label): "
                                + audit.messages.format(
                                    .auditStepLost, audit.stageName(step.stage), step.atText ?? "?",
                                    step.by.map { audit.messages.format(.auditStepLostBy, $0) } ?? "", String(side.parent.prefix(10)),
                                    parentCase.id),
                            file: change.path))
                }
            }
        }
        for change in commit.changes where Audit.isAudited(change) && change.status != "D" {
            guard let blob = change.newBlob, let document = documents[blob] ?? parseBlob(blob),
                let first = parentCases[change.path]?.first
            else { continue }
            let merged = Case(path: change.path, document: document)
            // A file that some parent has as merged gained no step in the merge itself.
            let versions = parentCases[change.path] ?? []
            let madeInMerge = versions.count == commit.parents.count
            out += checkMergedSteps(merged, first: first, others: madeInMerge ? versions : nil, commit: commit, label: label)
        }
        return out
    }

    /// The merged steps from where they part from the first parent's: moves, order, and the
    /// steps of no parent (made in the merge) for backdating. `others` holds every parent's
    /// version, nil when one of them is the merged version.
    func checkMergedSteps(_ merged: Case, first: Case, others: [Case]?, commit: HistoryCommit, label: String) -> [Diagnostic] {
        let procedure = audit.ledger.config.procedure
        let steps = merged.steps
        let firstSteps = first.steps
        var common = 0
        while common < steps.count, common < firstSteps.count, Self.same(steps[common], firstSteps[common]) { common += 1 }
        var out: [Diagnostic] = []
        var legal = true
        for index in steps.indices.dropFirst(max(common, 1)) {
            let (previous, step) = (steps[index - 1], steps[index])
            if procedure.transition(from: previous.stage, to: step.stage, fields: { merged.field($0) }) == nil {
                legal = false
                out.append(
                    Diagnostic(
                        .auditIllegalTransition,
                        "\(label): "
                            + audit.messages.format(
                                .auditMergedIllegal, merged.id, audit.stageName(previous.stage), audit.stageName(step.stage),
                                step.atText ?? "?"),
                        file: merged.path))
            }
            if let at = step.at, let before = previous.at, at < before {
                out.append(
                    Diagnostic(
                        .auditStepOrder,
                        "\(label): " + audit.messages.format(.auditMergedStepOrder, audit.stageName(step.stage), step.atText ?? ""),
                        file: merged.path
                    ))
            }
            let recorded = others?.contains { parent in parent.steps.contains { Self.same($0, step) } } ?? true
            if !recorded, let at = step.at, let committed = commit.authorDate, committed.timeIntervalSince(at) > audit.backdatingTolerance {
                out.append(
                    Diagnostic(
                        .auditBackdated,
                        "\(label): "
                            + audit.messages.format(
                                .auditMergedBackdated, audit.stageName(step.stage), step.atText ?? "",
                                String(Int(committed.timeIntervalSince(at) / 86400))),
                        file: merged.path))
            }
        }
        // A stage some parent has was judged on that parent's branch.
        guard let others, !others.contains(where: { $0.stage == merged.stage }) else { return out }
        if legal, let last = steps.last, last.stage == merged.stage, steps.count > common {
            // The move is the merged steps': only the fields the stage requires are left to check.
            for requirement in procedure.requirements(of: merged.stage) where merged.document[requirement.field] == nil {
                out.append(
                    Diagnostic(
                        .auditMissingField,
                        "\(label): "
                            + audit.messages.format(.auditMergedMissingField, merged.id, audit.stageName(merged.stage), requirement.field),
                        file: merged.path))
            }
            return out
        }
        return out + audit.checkStage(from: first.stage, to: merged, label: label, path: merged.path)
    }

    /// The steps of `parent` that the merged case does not have, neither as such nor as the same
    /// move (the merge driver keeps the earlier of two identical moves).
    func lostSteps(of parent: Case, in merged: Case?) -> [Step] {
        let parentSteps = parent.steps
        guard let merged else { return parentSteps }
        let mergedSteps = merged.steps
        // The other side's step that stands for this one: same move, not a step of this parent.
        let moves = Set(
            mergedSteps.indices.filter { index in !parentSteps.contains { Self.same($0, mergedSteps[index]) } }.map {
                Self.move(mergedSteps, $0)
            })
        return parentSteps.indices.compactMap { index in
            let step = parentSteps[index]
            if mergedSteps.contains(where: { Self.same($0, step) }) || moves.contains(Self.move(parentSteps, index)) { return nil }
            return step
        }
    }

    static func same(_ a: Step, _ b: Step) -> Bool { a.stage == b.stage && a.atText == b.atText }

    static func move(_ steps: [Step], _ index: Int) -> String {
        (index > 0 ? steps[index - 1].stage : "") + "\u{1F}" + steps[index].stage
    }

    /// The case files that differ between `parent` and the merge (git's raw diff, no renames).
    func changes(from parent: String, to commit: String) -> [FileChange] {
        guard
            let output = try? GitHistory.run([
                "-C", audit.ledger.root.path, "-c", "core.quotePath=false", "diff-tree", "-r", "--raw", "-z", "--no-abbrev",
                "--no-renames", parent, commit, "--", Ledger.casesFolder,
            ])
        else { return [] }
        return output.withUnsafeBytes { GitLogParser.parseRaw($0.bindMemory(to: UInt8.self)) }
    }
}

extension Audit {
    /// How a finding names its commit.
    static func label(_ commit: HistoryCommit, _ m: Messages) -> String {
        "commit \(commit.id.prefix(10)) (\(commit.authorDateText), \(commit.authorName.isEmpty ? m[.auditNoName] : commit.authorName))"
    }
}
