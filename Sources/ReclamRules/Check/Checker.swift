import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger

/// `reclam check`: every finding about the ledger's files, as values.
public struct Checker: Sendable {
    public var ledger: Ledger
    public var now: Date

    /// Opens the ledger and checks it; a `reclam.yml` too broken to open is itself a finding.
    public static func run(root: URL?, now: Date, paths: [String]? = nil) throws(ReclamError) -> [Diagnostic] {
        let ledger: Ledger
        do {
            ledger = try Ledger.open(at: root)
        } catch {
            if error.kind == .refused && !error.diagnostics.isEmpty { return error.diagnostics.sorted() }
            throw error
        }
        return try Checker(ledger: ledger, now: now).run(paths: paths)
    }

    /// Checks `reclam.yml` and every case and learner file, or only `paths` when given (the
    /// id-duplicate rule still looks at the whole ledger's file names, which costs no reads).
    public func run(paths: [String]? = nil) throws(ReclamError) -> [Diagnostic] {
        var diagnostics = ledger.configDiagnostics + ServeSettings.read(ledger.config).diagnostics + ledger.config.siteDiagnostics
        let scan = try LedgerScan.scan(ledger)
        var casePaths = scan.casePaths
        var learnerPaths = scan.learnerPaths
        var scanDiagnostics = scan.diagnostics
        if let paths {
            let wanted = Set(paths)
            let prefixes = paths.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
            func selected(_ path: String) -> Bool { wanted.contains(path) || prefixes.contains { path.hasPrefix($0) } }
            casePaths = casePaths.filter(selected)
            learnerPaths = learnerPaths.filter(selected)
            scanDiagnostics = scanDiagnostics.filter { selected($0.file) }
            if !wanted.contains(LedgerConfig.fileName) && !paths.isEmpty { diagnostics = [] }
        }
        diagnostics += scanDiagnostics
        let procedure = ledger.config.procedure
        let caseChecker = CaseChecker(procedure: procedure, now: now, language: ledger.config.language)
        let ledger = self.ledger
        let sites = ledger.config.sites
        // Each case is checked where it is parsed and only a summary outlives the parse: keeping
        // every document until the end cost ~7 KB per case (700 MB at 100 000 cases).
        let checked = Parallel.map(casePaths) { path -> CheckedCase in
            switch LedgerReader.readDocument(path, in: ledger) {
            case .failure(let failure): return CheckedCase(path: path, diagnostics: [failure.diagnostic], summary: nil)
            case .success(let document):
                let item = Case(path: path, document: document)
                return CheckedCase(
                    path: path, diagnostics: caseChecker.check(item) + SiteCheck.check(item, sites: sites),
                    summary: CheckedCase.Summary(item))
            }
        }
        for item in checked { diagnostics += item.diagnostics }
        diagnostics += duplicateIDs(checked)
        for loaded in LedgerReader.documents(learnerPaths, in: ledger) {
            switch loaded.result {
            case .failure(let failure): diagnostics.append(failure.diagnostic)
            case .success(let document):
                diagnostics += LearnerChecker.check(path: loaded.path, document: document, language: ledger.config.language)
            }
        }
        let actionFiles = paths == nil || paths?.contains(where: { $0 == Action.folder || $0.hasPrefix(Action.folder + "/") }) == true
        diagnostics += checkActions(checked, actionFiles: actionFiles, scannedIDs: scan.casePaths)
        if paths == nil || paths?.contains(where: { $0 == "templates" || $0.hasPrefix("templates/") }) == true {
            diagnostics += checkTemplates()
        }
        if paths == nil || paths?.contains(LedgerConfig.fileName) == true { diagnostics += checkUsersFile() }
        return diagnostics.sorted()
    }

    /// Actions and the links between actions and cases. Case ids come from file names, so a
    /// partial check still knows every case.
    func checkActions(_ checked: [CheckedCase], actionFiles: Bool, scannedIDs: [String]) -> [Diagnostic] {
        let store = ActionStore.load(ledger)
        let settings = ActionSettings.read(ledger.config)
        let ids = Set(scannedIDs.map(PathParts.id))
        let checker = ActionChecker(
            settings: settings, caseIDs: ids, procedure: ledger.config.procedure, now: now, timeZone: ledger.config.timeZone,
            language: ledger.config.language)
        var out: [Diagnostic] = []
        if actionFiles { out += settings.diagnostics + store.diagnostics + store.actions.flatMap(checker.check) }
        out += checker.checkCases(checked.compactMap(\.summary), store: store)
        return out
    }

    /// Letter templates are checked here so that a typo fails CI, not the day a letter is due.
    func checkTemplates() -> [Diagnostic] {
        let folder = "templates/letters"
        guard let entries = try? FileSystem.list(ledger.url(folder)) else { return [] }
        var out: [Diagnostic] = []
        for entry in entries where entry.name.hasSuffix(".md") {
            let path = "\(folder)/\(entry.name)"
            let name = String(entry.name.prefix { $0 != "." })
            if Identifier.reservedProblem(name) != nil {
                let m = Messages(ledger.config.language)
                out.append(Diagnostic(.idReserved, m.format(.checkTemplateName, m.format(.problemReservedID, name)), file: path))
            }
            switch LedgerReader.readDocument(path, in: ledger) {
            case .failure(let failure): out.append(failure.diagnostic)
            case .success(let document):
                out += LetterRenderer.check(
                    path: path, text: document.text, procedure: ledger.config.procedure, language: ledger.config.language)
            }
        }
        return out
    }

    /// Ids must be unique across learners too, since commands find a case by id alone.
    func duplicateIDs(_ checked: [CheckedCase]) -> [Diagnostic] {
        var byID: [String: [(path: String, location: SourceLocation?)]] = [:]
        for item in checked {
            guard let summary = item.summary else { continue }
            byID[summary.id, default: []].append((item.path, summary.idLocation))
        }
        var out: [Diagnostic] = []
        for (id, files) in byID where files.count > 1 {
            for file in files {
                let others = files.filter { $0.path != file.path }.map(\.path).joined(separator: ", ")
                out.append(
                    Diagnostic(
                        .idDuplicate, "id '\(id)' is also used by \(others); give one of them a new id", file: file.path,
                        at: file.location))
            }
        }
        return out
    }
}

/// What the ledger-wide rules need of a case once its own rules have run.
struct CheckedCase: Sendable {
    struct Summary: Sendable {
        var path: String
        var id: String
        var idLocation: SourceLocation?
        var stage: String
        var stageLocation: SourceLocation?
        var hasNoActionReason: Bool

        init(_ item: Case) {
            path = item.path
            id = item.id
            idLocation = item.document["id"]?.start
            stage = item.stage
            stageLocation = item.document["stage"]?.start
            hasNoActionReason = item.field("no_action_reason") != nil
        }
    }

    var path: String
    var diagnostics: [Diagnostic]
    /// Nil when the file could not be read or parsed.
    var summary: Summary?
}

/// The rules about one case file; no I/O, so it runs on any thread.
public struct CaseChecker: Sendable {
    public var procedure: Procedure
    public var now: Date
    /// The language of the findings that have a French wording (`reclam check` in a French
    /// ledger); English by default, for refusals that quote them.
    public var language: Language = .en
    let stageIDs: [String]
    let declared: [String: FieldRequirement]
    /// For "did you mean": computed once, not per case.
    let knownNames: Suggester

    public init(procedure: Procedure, now: Date, language: Language = .en) {
        self.procedure = procedure
        self.now = now
        self.language = language
        self.stageIDs = procedure.stages.map(\.id)
        self.declared = procedure.declaredFields
        self.knownNames = Suggester(FieldCatalogue.caseFields.map(\.name) + procedure.declaredFields.keys.sorted())
    }

    public func check(_ item: Case) -> [Diagnostic] {
        var findings = FileFindings(file: item.path)
        let document = item.document
        let top = SourceLocation(line: 1, column: 1)
        let pairs = document.root?.pairs ?? []
        let present = Set(pairs.map(\.key))
        let french = language == .fr
        let m = Messages(language)
        for field in FieldCatalogue.caseFields where field.required && !present.contains(field.name) {
            findings.report(
                .fieldMissing,
                french
                    ? m.format(.checkMissingField, field.name, field.name)
                    : "missing required field '\(field.name)' (\(field.summary)); add '\(field.name): …' to the front-matter",
                top)
        }
        var suggestionsLeft = Suggester.perFile
        for pair in pairs {
            let value = pair.value
            if let field = FieldCatalogue.caseField(pair.key) {
                if FieldCatalogue.mayBeEmpty.contains(field.name), value.scalar?.allSatisfy(\.isWhitespace) == true { continue }
                let values = field.type == .stage ? stageIDs : field.values
                if let problem = m.problem(field.type, value, values: values) {
                    let rule: Rule
                    switch field.type {
                    case .stage: rule = .stageUnknown
                    case .enum: rule = value.scalar == nil ? .fieldType : .fieldEnum
                    case .id: rule = Identifier.rule(for: value.scalar ?? "")
                    default: rule = .fieldType
                    }
                    findings.report(rule, "\(pair.key): \(problem)", value.start)
                } else if let problem = m.oneLineProblem(field: pair.key, type: field.type, node: value) {
                    findings.report(.fieldOneLine, "\(pair.key): \(problem)", value.start)
                }
            } else if let requirement = declared[pair.key] {
                if let problem = m.problem(requirement.type, value, values: requirement.values) {
                    findings.report(
                        requirement.type == .enum && value.scalar != nil ? .fieldEnum : .fieldType, "\(pair.key): \(problem)",
                        value.start)
                } else if let problem = m.oneLineProblem(field: pair.key, type: requirement.type, node: value) {
                    findings.report(.fieldOneLine, "\(pair.key): \(problem)", value.start)
                }
            } else {
                var message = m.format(.checkUnknownField, pair.key)
                suggestionsLeft -= 1
                if suggestionsLeft >= 0, let suggestion = knownNames.closest(to: pair.key) {
                    message += m.format(.checkDidYouMean, suggestion)
                } else {
                    message += m[.checkAddToRequires]
                }
                findings.report(.fieldUnknown, message, pair.keyStart)
            }
        }
        if let id = document.string("id"), Identifier.isValid(id), id != item.fileID {
            findings.report(.idMismatch, m.format(.checkIDMismatch, id, item.fileID), document["id"]?.start)
        }
        if Identifier.problem(item.fileID) != nil && document.string("id") == nil {
            findings.report(
                Identifier.rule(for: item.fileID),
                m.format(.checkFileName, item.fileID, m.idProblem(item.fileID) ?? ""), top)
        }
        if let learner = document.string("learner"), Identifier.isValid(learner), learner != item.folderLearner {
            findings.report(.learnerMismatch, m.format(.checkLearnerMismatch, learner, item.folderLearner), document["learner"]?.start)
        }
        if let received = item.received, received > now.addingTimeInterval(300) {
            findings.report(.dateFuture, m.format(.checkReceivedFuture, item.receivedText ?? ""), document["received"]?.start)
        }
        findings.append(contentsOf: checkSteps(item))
        findings.append(contentsOf: checkStageFields(item))
        return findings.all
    }

    func checkSteps(_ item: Case) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let m = Messages(language)
        guard let stepsNode = item.document["steps"], let nodes = stepsNode.items else { return out }
        var previous = item.received
        var previousText = item.receivedText ?? ""
        for node in nodes {
            guard node.pairs != nil else { continue }  // field-type already reported it
            for pair in node.pairs ?? [] where !FieldCatalogue.stepFields.contains(pair.key) {
                out.append(
                    Diagnostic(
                        .fieldUnknown, m.format(.checkUnknownStepField, pair.key),
                        file: item.path, at: pair.keyStart))
            }
            if let by = node["by"], let problem = by.scalar.flatMap(m.oneLineProblem) {
                out.append(Diagnostic(.fieldOneLine, m.format(.checkStepBy, problem), file: item.path, at: by.start))
            }
            let stage = node["stage"]?.scalar ?? ""
            if !stageIDs.contains(stage) {
                var message = m.format(.checkStepStage, stage)
                if let s = Suggestion.closest(to: stage, in: stageIDs) { message += m.format(.checkDidYouMean, s) }
                out.append(Diagnostic(.stepsInvalid, message, file: item.path, at: node["stage"]?.start ?? node.start))
            }
            guard let atNode = node["at"], let atText = atNode.scalar, let at = ISODateTime.parse(atText)?.date else {
                out.append(
                    Diagnostic(
                        .stepsInvalid,
                        m[.checkStepAt], file: item.path,
                        at: node["at"]?.start ?? node.start))
                continue
            }
            if let before = previous, at < before {
                out.append(
                    Diagnostic(
                        .stepsOrder,
                        m.format(.checkStepOrder, atText, previousText),
                        file: item.path, at: atNode.start))
            }
            if at > now.addingTimeInterval(300) {
                out.append(
                    Diagnostic(.dateFuture, m.format(.checkStepFuture, atText), file: item.path, at: atNode.start))
            }
            previous = at
            previousText = atText
        }
        if let last = nodes.last?["stage"]?.scalar, !item.stage.isEmpty, last != item.stage, stageIDs.contains(item.stage) {
            out.append(
                Diagnostic(
                    .stepsStageMismatch,
                    m.format(.checkStageMismatch, last, item.stage, last, item.id, item.stage),
                    file: item.path, at: item.document["stage"]?.start))
        }
        return out
    }

    /// The fields required by the current stage and by each stage the case went through.
    func checkStageFields(_ item: Case) -> [Diagnostic] {
        guard procedure.stage(item.stage) != nil else { return [] }
        var stages = item.steps.map(\.stage)
        stages.append(item.stage)
        var seen = Set<String>()
        var out: [Diagnostic] = []
        let location = item.document["stage"]?.start
        for stage in stages where seen.insert(stage).inserted {
            for requirement in procedure.requirements(of: stage) where item.document[requirement.field] == nil {
                var type = language == .fr ? Messages(.fr).typeName(requirement.type) : requirement.type.rawValue
                if !requirement.values.isEmpty { type += (language == .fr ? " : " : ": ") + requirement.values.joined(separator: ", ") }
                let name = language == .fr ? procedure.stage(stage)?.label(.fr) ?? stage : stage
                let message = Messages(language).format(.checkStageRequires, name, requirement.field, type)
                out.append(Diagnostic(.stageFieldMissing, message, file: item.path, at: location))
            }
        }
        return out
    }
}

/// The rules about `learner.md`.
package enum LearnerChecker {
    package static func check(path: String, document: MarkdownDocument, language: Language = .en) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let m = Messages(language)
        let folder = String(PathParts.parentName(path))
        let names = FieldCatalogue.learnerFields.map(\.name)
        guard let id = document["id"] else {
            return [
                Diagnostic(.fieldMissing, m[.checkLearnerNoID], file: path, line: 1, column: 1)
            ]
        }
        if let problem = m.problem(.id, id) {
            out.append(
                Diagnostic(
                    Identifier.rule(for: id.scalar ?? ""), "id: \(problem)", file: path,
                    at: id.start))
        } else if id.scalar != folder {
            out.append(
                Diagnostic(
                    .idMismatch, m.format(.checkLearnerIDMismatch, id.scalar ?? "", folder), file: path,
                    at: id.start))
        }
        for pair in document.root?.pairs ?? [] {
            if let field = FieldCatalogue.learnerFields.first(where: { $0.name == pair.key }) {
                if field.name != "id", let problem = m.problem(field.type, pair.value, values: field.values) {
                    out.append(Diagnostic(.fieldType, "\(pair.key): \(problem)", file: path, at: pair.value.start))
                } else if let problem = m.oneLineProblem(field: pair.key, type: field.type, node: pair.value) {
                    out.append(Diagnostic(.fieldOneLine, "\(pair.key): \(problem)", file: path, at: pair.value.start))
                }
            } else {
                var message = m.format(.checkUnknownLearnerField, pair.key)
                if let s = Suggestion.closest(to: pair.key, in: names) { message += m.format(.checkDidYouMean, s) }
                out.append(Diagnostic(.fieldUnknown, message, file: path, at: pair.keyStart))
            }
        }
        return out
    }
}
