import Foundation

/// The words a person reads in reports, sheets and letters, in one catalogue per language, so
/// that a French ledger speaks French throughout and a translation is one file to read. A
/// test checks that both catalogues have every key.
public struct Messages: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    public enum Key: String, Sendable, CaseIterable {
        case trends, period, value, count, cases, recurring, noneFeminine, rising, noLinkedAction
        case category, channel, complainant, level, session, owner, month, quarter, year
        case id, learner, receivedOn, stage, registerTitle, planTitle, warningFrom, none
        case dueFrom, dueNotCounted, dueElapsed, dueBusinessHours, dueDays
        // SLA states, as `reclam sla`, reports and the agenda show them.
        case slaMet, slaMetLate, slaRunning, slaAtRisk, slaBreached, slaPaused
        case late, of, slaAsOf, noClock, slaSummary, slaClocks
        case columnCase, columnLearner, columnRule, columnState, columnDue, columnUsed, columnLeft, columnReceived, columnStage
        case columnTitle, columnOwner, columnNext, columnCategory, columnChannel, columnComplainant
        case columnCases, noActions, recurringAtLeast, colon
        case noCases, caseReceived, unassigned, agendaNothing, agendaOwner, actionCreated, linkedTo
        // Reports.
        case reportTitle, reportStart, complaintsReceived, byStage, byChannel, byComplainant, byCategory, byLevel
        case slaCompliance, rule, rate, times, median, openByAge, byMonth, satisfactionAtFollowUp, noFollowUp
        case improvementActions, workingDays, complaintsByMonth, acknowledgement, response, closure, monthHeading, periodRange
        // Learner sheet.
        case learnerSheet, training, funder, complaints, channelHeading, date, by, note, findings, solution, solutionType
        case answeredBy, satisfaction, containment, rootCauses, actionPlan, rejectionReason, reopenReason
        // What a move, `next`, `log`, `send` and `conflicts` print.
        case moved, reassigned, messageWritten, via, caseAtStage, noMoveAllowed, nextMove, needs
        case logByHand, logCreated, logMoved, logDeleted, logStage, logBodyChanged, logActions
        case wouldSend, recipient, recipients, noConflicts, ownerChange, fieldsChanged, fieldRemoved
        case errorCount, errorsCount, warningCount, warningsCount, inFile, inFiles, initialised, fileAdded, fileEdited
        case noReminder, reminderWritten, ownerWithoutAddress, holiday, closureDay, slaClock, slaClockCount
        // Findings of `reclam sla`.
        case slaWhat, fromReception, fromStage, slaFindingBreached, slaFindingMetLate, slaFindingAtRisk, actionBreached, actionAtRisk
        // `reclam procedure`.
        // Findings of `reclam audit`.
        case auditNoIdentity, auditDeleted, auditRewrote, auditIllegal, auditNoneAllowed, auditMissingField, auditStepOrder
        case auditBackdated, auditUncommitted, auditStepLost, auditStepLostBy, auditMergedIllegal, auditMergedStepOrder
        case auditMergedBackdated, auditMergedMissingField, auditAccepted
        case procedureName, columnLabel, columnRequires, columnThen, initialStage, terminalStage, pausesSLA, needsAction, reopening
        // `reclam intake` and `reclam intake-survey`.
        case intakeNew, intakeExisting, intakeRefused, intakeWarning, intakeError, intakeMovedAside, intakeNoNewMessage
        case intakeNewOne, intakeNewMany, intakeExistingOne, intakeExistingMany, intakeRefusedOne, intakeRefusedMany
        case intakeUnreadableOne, intakeUnreadableMany, intakeNoSender, intakeSenderListed, intakeSeveralLearners
        case intakeUnknownAddress, intakeNoDate, intakeBadDate, intakeFutureDate, intakeFileTime, intakeIntakeTime, intakeTruncated
        case surveySummary, surveyNewCase, surveyNewCases, surveyWithoutScore, surveySkipped, surveyNewLearner, surveyNewLearners
        case surveyTab
        // `reclam send`.
        case sendSent, sendEarlier, sendRefused, sendDeferred, sendInDoubt, sendSkipped, sendNothing, sendNotSentOne, sendNotSentMany
        // `reclam doctor`, `reclam audit accept`.
        case doctorFixed, doctorFixHint, doctorUncommittedReclam, doctorUncommittedOther, auditAcceptedOne, auditAcceptedMany
        case auditNoName
        case sendNotCommitted, sendDeletedInWorkTree, sendUncommittedChanges, sendNoMessageID, sendInDoubtAdvice, sendNoRecipient
        case sendBcc, sendNotAnAddress, sendNoFrom
        case doctorReclamWriting, doctorKilledWrite, doctorStaleLockFound, doctorGitBusy, doctorTemporary, doctorConflict
        case doctorIndexAndFileBehind, doctorIndexBehind, doctorFileBehind, doctorRemoved, doctorUpToDate, doctorIndexAndWorkTree
        case doctorIndexOnly
        // Findings of `reclam check` a person meets most.
        case checkMissingField, checkNotDate, checkNotDateTime, checkNotNumber, checkNotOneOf, checkDidYouMean, checkUnknownField
        case checkAddToRequires, checkStageRequires
        // Rows of `reclam intake-survey`.
        case surveyFieldCount, surveyBadScore, surveyOutsideScale, surveyEmptyDate, surveyBadDate, surveyFutureDate, surveyRowSkipped
        // The severity of a finding, as its rendered line shows it.
        case severityError, severityWarning, severityNote
        // `reclam intake-survey`: counts of the summary, and whole-file refusals.
        case surveyResponseOne, surveyResponseMany, surveyExistingOne, surveyExistingMany, surveyAtOrAboveOne, surveyAtOrAboveMany
        case surveyNotCSV, surveyComplaintRowOne, surveyComplaintRowMany, surveyUnknownRespondentHint, surveyBadRowOne, surveyBadRowMany
        case surveyNoColumn, surveyNoSuchColumn, surveyEmptyLearner, surveyUnknownAddress, surveySeveralLearners, surveyBadLearner
        case csvBadUTF8, csvBadUTF16, csvNulBytes, csvEmpty, csvTextAfterQuote, csvUnclosedQuote
        // Locks: reclam's, git's, `reclam send`'s.
        case lockHolder, lockHolderPid, lockHolderUnknown, lockReclamBusy, lockFile, lockHeldBy, lockWhileGitRuns, lockOwnerUnknown
        case lockNoProcess, lockDays, lockStale, lockGitBusy, lockNothingChanged, lockNothingCommitted, lockWriteUnfinished, sendLockBusy
        // What the recovery of a killed write did.
        case recoveryRemovedObjects, recoveryFinished, recoveryUndid, recoveryBroughtToBranch, recoveryCommit, recoveryCommitNeverMade
        case recoveryNoFile, recoveryOneFile, recoveryFiles, recoveryNotInBranch, recoveryNotRegular, recoveryOtherChanges,
            recoveryOtherIndex
        // Warnings of a `reclam send` run.
        case sendUnreadableRecord, sendLogCutShort, sendLogDamaged, sendDeliveredGone, sendOtherMessage, sendNoJournalLines,
            sendNoMessageOfCase
        // Findings of `reclam check` about a case's, a learner's and an action's file.
        case checkIDMismatch, checkFileName, checkLearnerMismatch, checkReceivedFuture, checkUnknownStepField, checkStepBy
        case checkStepStage, checkStepAt, checkStepOrder, checkStepFuture, checkStageMismatch, checkLearnerNoID
        case checkLearnerIDMismatch, checkUnknownLearnerField, checkUnknownActionField, checkActionIDMismatch, checkUnknownCase
        case checkActionOverdue, checkActionReview, checkCaseActionMissing, checkTemplateName, checkLearnerFolderName
        // A field's value that does not fit its type (beyond the commonest, above).
        case problemNotSingle, problemEmpty, problemOnePerson, problemNotOneValue, problemCaseList, problemList, problemWords
        case problemMappings, problemEmptyID, problemLongID, problemReservedID, problemBadID, problemControl
        case problemKindList, problemKindMapping, problemKindText
        // Refusals that quote the findings of a file.
        case refuseMoveErrors, refuseSetErrors, refuseActionErrors, refuseHandEditOne, refuseHandEditMany
        // Why a message did not leave: the transports' reasons around the server's own words.
        case deliveryOutOfMemory, deliveryNoAnswer, deliveryAnsweredAfterData, deliveryAnswered, deliveryCannotConnect, deliveryTimeout
        case deliveryLoginUser, deliveryNoSTARTTLS, deliveryTLS, deliverySender, deliveryLogin, deliveryAnsweredTo, deliveryGreeting
        case deliveryOther, deliverySendmailEmpty, deliveryCannotRun, deliveryRecordNotWritten, deliveryKilledTimeout, deliveryMayHaveLeft
        case deliveryKilledSignal, deliveryKilled, deliveryExited, deliveryHandedOver
        // What the mail reader finds wrong with a message.
        case mailTooLarge, mailEmpty, mailNoMemory, mailNoParser, mailNotAMessage, mailNoMessageHeaders, mailMIMEBomb, mailTooManyParts
        case mailTooDeep, mailDuplicatedHeader, mailDuplicatedParameter, mailInvalidContentType, mailInvalidEncodedWords
        case mailInvalidParameter, mailInvalidAddressList, mailNotAHeader, mailConflictingHeaders, mailConflictingParameters, mailNoParts
        case mailTruncated, mailMalformed, mailNoBoundary, mailPartWithoutContent, mailPartWithoutHeadersOrContent, mailUndecodedSubject
        case mailNoSender, mailUnknownEncoding, mailNotUTF8, mailUndecodableCharset
        // Refusals of a move.
        case moveOneOf, moveLacksField, moveLacksFields, moveNoneAllowed, moveNotAllowed, moveVerbNotAllowed
        // Findings of `reclam check` about a file as a whole, its front-matter and its YAML.
        case fileSizeOver, fileNUL, fileNotUTF8, fileSymlink, fileCannotRead, fileCannotList, fileDirectlyUnderCases
        case fileFolderTooDeep, fileNotCase, fileNotAction, fileConflict, fileConflictResolve, fileConflictEdit
        case frontMatterMissing, frontMatterUnclosed, frontMatterNotMapping
        case yamlNoParser, yamlSeveralDocuments, yamlAlias, yamlDepth, yamlComplexKey, yamlDuplicateKey, yamlAnchor, yamlTag
        case yamlSyntax, yamlSyntaxContext, yamlQuoteColon, yamlKeyValue, yamlQuoteStart
        // Refusals of a time given on the command line, of the clock, and of files left unread.
        case instantMalformed, instantNonexistent, instantAmbiguous, atFuture, atBeforePrevious, clockBehind, unreadableLeftOut
        case intakeMaxSize, intakeCannotRead
        // Findings of `reclam check` about reclam.yml.
        case configMapping, configUnknownSetting, configLanguage, configTimezone, configNoProcedure
        case nodeMissing, nodeNotText, nodeNotBool, nodeNotWords
        // Findings of `reclam check` about letter templates.
        case templateNoSubject, templateUnknownVariable, templateMustache, mustacheUnclosedSection, mustacheWrongClose
        case mustacheUnfinished, mustacheDelimiter, templateRefused
        // reclam.yml: procedure, SLA rules, calendar, actions.
        case procUnknownPreset, procNotMapping, procNoStages, procStageNotMapping, procStageID, procStageTwice, procLabels
        case procTransitionFields, procRequirementNotMapping, procRequirementNoType, procUnknownFieldType, procEnumNoValues
        case procUnknownStage, procTerminalExit, procVerbClash, procSeveralInitial, procUnreachable, procNoTerminal
        case slaNotList, slaRuleNotMapping, slaUnknownSetting, slaNotStage, slaNoName, slaBadStart, slaBadStop, slaStopIsStart
        case slaNoStop, slaNotDuration, slaNoDuration, slaNotThreshold, slaWarnTooLong, slaWhenNotValues, slaWhenNotField
        case slaWhenNotOneOf, slaWhenNotMapping, slaSinceNotDate, slaTwiceSince, slaTwiceWithoutSince, slaFirstLine
        case calNotMapping, calUnknownSetting, calRegion, calDidYouMean, calBusinessHours, calClosuresNotList, calWorkingDaysNotList
        case calNotDay, calNoWorkingDay, calClosureNotMapping, calClosureUnknown, calClosureHas, calClosureNotDate
        case calClosureNoName, calClosureBoth, calClosureNoDate, calClosureRange, calClosureBackwards, actionsReviewDelay
        // reclam.yml: mail, serve, trusted users, sites.
        case mailSettingsMapping, mailSettingsPassword, mailSettingsUnknown, mailSettingsFrom, mailSettingsTransport
        case mailSettingsSecurity, mailSettingsPort, mailSettingsTimeout, mailSettingsPasswordFile, mailSettingsSendmail
        case mailSettingsSendmailPath, mailSettingsNoHost, mailSettingsSecurityNone, mailSettingsHost, mailSettingsNoUser
        case mailSettingsIgnored, peopleList, personMapping, personUnknown, personID, personEmail, personTwice
        case serveMapping, serveUnknown, serveListen, serveWebAddress, serveActor, serveRateLimit, serveMaxUpload
        case serveDeadlineRule, serveNoRules, serveRules, serveUnknownText, serveText, serveTexts, serveStaffPrefix
        case serveUsersFile, serveNumber, serveMinutes, serveHeaderName, serveHeaderStandard, serveProxyAddress
        case serveProxiesAlone, sitesList, siteMapping, siteCode, siteNameRegion, siteTwice, mailSettingsRefused, serveRefused
        // Refusals of the workflow commands.
        case auditNotInBranch, auditNothingToAccept, auditAlreadyAccepted, caseChangedSinceForm, cannotEdit, sectionsUnchanged
        case fieldsUnchanged, notGitRepositoryInit, notGitRepositoryFirst, notGitRepository, cannotExamineRepository
        case cannotReadGitStatus, cannotReadBranch, cannotReadFromBranch, cannotReadGitStatusOf, mergeConflictResolveFirst
        case stagedDiffers, noWorkTree, cannotAddStep, restoreAlsoFailed, cannotCommitFile, cannotReadHooksPath, cannotCreate
        case hookNotOurs, hookBackupExists, hookCannotKeep, cannotWrite, hookNotInstalledByReclam, cannotRemove, hookCannotRestore
        case initAlreadyLedger, cannotCreateRepository, finishInterruptedWrite, learnerExists, learnerNoFile, fileUnreadableFixFirst
        case learnerNoAddress, learnerUnchanged, procedureNoStages, newCaseUnparsable, caseExists, outboxNoAddress
        case outboxAddLearnerAddress, outboxOrAckOtherWay, contactEmpty, contactNotAddress, addressPlaceholder, cannotReadAfterMove
        case cannotReadStaged, cannotReadStagedFile, cannotRead, calendarErrors, editNotRegular, editEditsStay, editCannotRunShell
        case editEditorFailed, reportDeadlineSettings, serverStopped, userExists, noUser, userAddHint, semicolonSeparator
        // Refusals of mail, intake, sync, audit and the ledger.
        case ledgerInvalid, ledgerDeadlineErrors, ledgerIDSeveralFiles, ledgerCaseUnreadable, ledgerActionUnreadable
        case ledgerUnusable, ledgerNotGit, ioCannotList, ioCannotReadBare, ioCannotWriteBare
        case ioCannotOpen, ioCannotSync, ioCannotRename, ioCannotReplace
        case mailPasswordFileUnreadable, mailCurlInit, mailCurlSettings, sendCannotReadBranch, sendBranchNoCommit
        case sendNothingToRecord, sendJournalUnreadable, maildirMoveRefused, maildirAlreadyThere
        case staffNotYAML, staffNoUsers, staffUserFields, staffCaseChanged, mergeDriverConfig, mergeWriteMerged
        case actionNoStages, actionAlreadyLinked, syncResolvedInvalid, syncGitAddFailed, syncRemoteKeptMoving, syncUncommitted
        case submissionInvalid
        // Failures of git itself (the git layer words them without knowing the ledger).
        case gitCannotRun, gitCannotRunHistory, gitLogFailed, gitMergeFailed, gitMergeCommitFailed, gitNoCommitAfterMerge
        // Something named on the command line that the ledger does not have.
        case noCaseWithID, noActionWithID, noConflictFor, syncHeadDetached, syncNoRemote
        // Status lines of the commands.
        case nothingCommitted, editUnchanged, editReopen, hooksInstalled, hooksUpdated, hooksReplaced, hooksMergeDriver
        case hooksRemoved, hooksRestored, hooksNone, auditedSince, auditedAll, linkedActions, syncIn, syncOut, syncDone
        case syncInOne, syncInMany, syncOutOne, syncOutMany, syncTries, syncConflictsOne, syncConflictsMany, syncConflictsHint
        case mergeConflictField, mergeConflictTransition, mergeConflictText, mergeRemoved, mergePartFile, mergePartComments
        case mergePartBody, mergeFileLeftOne, mergeFileLeftMany, resolveLeftOne, resolveLeftMany, resolvedNone, resolvedStillOne
        case resolvedStillMany, slaNoRules, userPassword, userNewPassword, userAdded, userPasswordChanged, userRemoved
        case resolvedSome, conflictsLine, conflictsField, conflictsTransition, conflictsBody, conflictsFirstStage, conflictsNone
    }

    public subscript(_ key: Key) -> String {
        (language == .fr ? Self.french : Self.english)[key] ?? key.rawValue
    }

    /// A sentence of the catalogue with its `%@` placeholders filled in order.
    public func format(_ key: Key, _ arguments: String...) -> String { format(key, arguments: arguments) }

    /// `format(_:_:)` with the values in an array.
    public func format(_ key: Key, arguments: [String]) -> String {
        var out = ""
        var rest = Substring(self[key])
        for argument in arguments {
            guard let range = rest.range(of: "%@") else { break }
            out += rest[..<range.lowerBound] + argument
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    /// A count with the singular or plural sentence: French takes the singular for 0 and 1
    /// (`0 erreur`), English for 1 only (`0 errors`).
    public func count(_ n: Int, one: Key, many: Key) -> String {
        format((language == .fr ? n <= 1 : n == 1) ? one : many, String(n))
    }

    /// A finding's severity as its line shows it (`erreur`, `error`).
    public func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: return self[.severityError]
        case .warning: return self[.severityWarning]
        case .note: return self[.severityNote]
        }
    }

    /// A word of the catalogue named by its key's raw value (a dimension or period of the
    /// command line), or the word itself when the catalogue has none.
    public func word(_ raw: String) -> String { Key(rawValue: raw).map { self[$0] } ?? raw }

    static let french: [Key: String] = [
        .trends: "Tendances", .period: "Période", .value: "Valeur", .count: "Nombre", .cases: "Réclamations",
        .recurring: "Récurrentes", .noneFeminine: "Aucune.", .rising: "en hausse", .noLinkedAction: "sans action liée",
        .category: "catégorie", .channel: "canal", .complainant: "réclamant", .level: "niveau", .session: "session",
        .owner: "responsable", .month: "mois", .quarter: "trimestre", .year: "année", .id: "Identifiant", .learner: "Stagiaire",
        .receivedOn: "Reçue le", .stage: "Étape", .registerTitle: "Registre des réclamations", .planTitle: "Plan d'amélioration",
        .warningFrom: "alerte à partir du", .none: "(aucun)",
        .dueFrom: "%@ à compter du %@", .dueNotCounted: " ; jours non comptés : %@",
        .dueElapsed: "%@ : temps écoulé, nuits, week-ends et changements d'heure compris ; échéance le %@.",
        .dueBusinessHours: "%@ : décompte pendant les heures d'ouverture (%@) des jours ouvrés%@ ; échéance le %@.",
        .dueDays: "%@ : le jour de l'événement ne compte pas%@ ; échéance à la fin du %@ %@, %@.",
        .slaMet: "respecté", .slaMetLate: "respecté en retard", .slaRunning: "en cours", .slaAtRisk: "à risque",
        .slaBreached: "dépassé", .slaPaused: "suspendu", .late: "en retard de %@", .of: "%@ sur %@",
        .slaAsOf: "Délais au %@", .noClock: "(aucun délai : aucune réclamation, ou aucune règle ne s'applique)",
        .slaSummary: "%@ : %@", .slaClocks: "délais suivis",
        .columnCase: "RÉCLAMATION", .columnLearner: "STAGIAIRE", .columnRule: "RÈGLE", .columnState: "ÉTAT", .columnDue: "ÉCHÉANCE",
        .columnUsed: "ÉCOULÉ", .columnLeft: "RESTANT", .columnReceived: "REÇUE LE", .columnStage: "ÉTAPE", .columnTitle: "OBJET",
        .columnOwner: "RESPONSABLE", .columnNext: "À FAIRE", .columnCategory: "CATÉGORIE", .columnChannel: "CANAL",
        .columnComplainant: "RÉCLAMANT",
        .noCases: "aucune réclamation", .colon: " : ", .columnCases: "RÉCLAMATIONS", .noActions: "aucune action",
        .recurringAtLeast: "récurrentes (au moins %@ réclamations) :", .caseReceived: "réclamation reçue (%@)",
        .actionCreated: "action créée (%@)",
        .linkedTo: "liée à %@", .unassigned: "(sans responsable)",
        .agendaNothing: "Rien à faire : aucune étape à venir.", .agendaOwner: "Responsable : %@",
        .reportTitle: "Rapport des réclamations", .reportStart: "le début", .complaintsReceived: "Réclamations reçues",
        .byStage: "Par étape", .byChannel: "Par canal", .byComplainant: "Par type de réclamant", .byCategory: "Par catégorie",
        .byLevel: "Par niveau", .slaCompliance: "Respect des délais", .rule: "Règle", .rate: "Taux",
        .times: "Délais (jours ouvrés)", .median: "Médiane", .openByAge: "Réclamations ouvertes par ancienneté", .byMonth: "Par mois",
        .satisfactionAtFollowUp: "Satisfaction au suivi", .noFollowUp: "Aucun suivi enregistré.",
        .improvementActions: "Actions d'amélioration", .workingDays: "jours ouvrés", .complaintsByMonth: "Réclamations par mois",
        .acknowledgement: "Accusé de réception", .response: "Réponse",
        .closure: "Clôture", .monthHeading: "Mois", .periodRange: "Période : %@ → %@",
        .learnerSheet: "Fiche stagiaire", .training: "Formation", .funder: "Financeur", .complaints: "Réclamations",
        .channelHeading: "Canal", .date: "Date", .by: "Par", .note: "Note", .findings: "Constats", .solution: "Solution",
        .solutionType: "Type de solution", .answeredBy: "Réponse par", .satisfaction: "Satisfaction",
        .containment: "Mesure conservatoire", .rootCauses: "Causes", .actionPlan: "Plan d'actions", .rejectionReason: "Motif de rejet",
        .reopenReason: "Motif de réouverture",
        .moved: "%@ : %@ → %@ (%@)", .reassigned: "%@ : responsable %@ → %@ (%@)", .messageWritten: "message : %@",
        .via: "(moyen : %@)", .caseAtStage: "%@ est à l'étape %@", .noMoveAllowed: "aucun passage n'est possible depuis cette étape",
        .nextMove: "%@  (reclam move %@ %@, ou reclam %@ %@)", .needs: "à renseigner : ",
        .logByHand: "(à la main)", .logCreated: "création de %@", .logMoved: "déplacement %@ → %@", .logDeleted: "suppression de %@",
        .logStage: "étape : %@ → %@", .logBodyChanged: "texte modifié", .logActions: "actions : %@",
        .wouldSend: "à envoyer : %@ (%@)", .recipient: "1 destinataire", .recipients: "%@ destinataires", .noConflicts: "aucun conflit",
        .errorCount: "%@ erreur", .errorsCount: "%@ erreurs", .warningCount: "%@ avertissement", .warningsCount: "%@ avertissements",
        .inFile: " dans %@ fichier", .inFiles: " dans %@ fichiers", .initialised: "Registre des réclamations (%@) créé dans %@",
        .fileAdded: "ajouté", .fileEdited: "modifié", .holiday: "férié", .closureDay: "fermeture", .slaClock: "%@ délai suivi",
        .slaClockCount: "%@ délais suivis", .noReminder: "aucun rappel à écrire",
        .reminderWritten: "%@ : %@, %@ réclamation(s)",
        .ownerWithoutAddress:
            "le responsable '%@' a des réclamations à relancer mais pas d'adresse ; ajoutez {id, name, email} à 'people:' dans reclam.yml",
        .ownerChange: "responsable %@ → %@", .fieldsChanged: "champs modifiés : %@", .fieldRemoved: "%@ supprimé",
        .slaWhat: "délai %@ (%@ à compter %@)", .fromReception: "de la réception", .fromStage: "de l'étape %@",
        .slaFindingBreached: "%@ dépassé : échéance le %@, en retard de %@",
        .slaFindingMetLate: "%@ respecté en retard : échéance le %@, étape %@ atteinte le %@, en retard de %@",
        .slaFindingAtRisk: "%@ à risque : échéance le %@, reste %@",
        .actionBreached: "l'action %@ devait être terminée le %@ et en est encore à l'étape %@",
        .actionAtRisk: "l'action %@ doit être terminée le %@ et en est encore à l'étape %@",
        .auditNoIdentity: "%@ n'a pas d'auteur identifiable (nom et adresse)",
        .auditDeleted: "a supprimé le fichier de la réclamation ; une réclamation se clôt ou se rejette, elle ne se supprime pas",
        .auditRewrote: "a réécrit '%@' : %@ → %@",
        .auditIllegal: "a fait passer %@ de l'étape %@ à l'étape %@, ce que la procédure ne permet pas (possible : %@)",
        .auditNoneAllowed: "aucune", .auditMissingField: "a fait passer %@ à l'étape %@ sans '%@', que cette étape exige",
        .auditStepOrder: "l'étape %@ du %@ est datée d'avant l'étape précédente",
        .auditBackdated: "l'étape %@ est datée du %@, %@ jour(s) avant le commit qui l'enregistre (tolérance : audit.backdating_tolerance)",
        .auditUncommitted: "modification non enregistrée (%@) ; enregistrez-la avec 'reclam commit' ou git",
        .auditStepLost:
            "la fusion a perdu l'étape %@ du %@%@ que %@ avait enregistrée pour %@ ; remettez-la dans les étapes de la réclamation et enregistrez avec 'reclam commit'",
        .auditStepLostBy: " par %@",
        .auditMergedIllegal: "les étapes fusionnées de %@ passent de l'étape %@ à l'étape %@ (le %@), ce que la procédure ne permet pas",
        .auditMergedStepOrder: "l'étape %@ du %@ est datée d'avant l'étape fusionnée précédente",
        .auditMergedBackdated:
            "l'étape %@, ajoutée par la fusion, est datée du %@, %@ jour(s) avant elle (tolérance : audit.backdating_tolerance)",
        .auditMergedMissingField: "a fusionné %@ à l'étape %@ sans '%@', que cette étape exige",
        .auditAccepted: "%@ [%@] — acceptée par %@ le %@ (commit %@) : %@",
        .procedureName: "procédure : %@", .columnLabel: "LIBELLÉ", .columnThen: "SUITES", .columnRequires: "À RENSEIGNER",
        .initialStage: "initiale", .terminalStage: "finale",
        .pausesSLA: "suspend les délais", .needsAction: "exige une action liée ou no_action_reason", .reopening: "(réouverture)",
        .intakeNew: "%@ : nouvelle réclamation %@", .intakeExisting: "%@ : déjà reçu, réclamation %@ ; rien de nouveau",
        .intakeRefused: "%@ : refusé : %@", .intakeWarning: "%@ : avertissement : %@", .intakeError: "%@ : erreur : %@",
        .intakeMovedAside: "; déplacé dans %@, où il reste pour être lu par une personne",
        .intakeNoNewMessage: "aucun nouveau message dans %@/new",
        .intakeNewOne: "%@ nouvelle réclamation", .intakeNewMany: "%@ nouvelles réclamations",
        .intakeExistingOne: "%@ message déjà reçu", .intakeExistingMany: "%@ messages déjà reçus",
        .intakeRefusedOne: "%@ refusé", .intakeRefusedMany: "%@ refusés", .intakeUnreadableOne: "%@ illisible",
        .intakeUnreadableMany: "%@ illisibles",
        .intakeNoSender:
            "le message n'a pas d'expéditeur (From) : son stagiaire ne peut être trouvé ; prenez-le avec reclam intake --learner <learner-id> %@ (son contact reste vide jusqu'à ce qu'il soit renseigné)",
        .intakeSenderListed: "l'expéditeur figure dans cases/%@/learner.md : la réclamation va à %@, et non à --learner %@",
        .intakeSeveralLearners:
            "l'adresse de l'expéditeur %@ figure chez plusieurs stagiaires (%@) ; passez --learner avec l'un d'eux, ou ne gardez l'adresse que dans un seul learner.md",
        .intakeUnknownAddress:
            "l'adresse de l'expéditeur %@ ne figure dans la liste 'emails:' d'aucun stagiaire ; ajoutez-la avec 'reclam learner edit LEARNER --add-email %@' (ou 'reclam learner add LEARNER --email %@'), ou passez --learner <learner-id>",
        .intakeNoDate: "le message n'a pas d'en-tête Date ; la réception est datée de %@, %@",
        .intakeBadDate: "l'en-tête Date '%@' est illisible ; la réception est datée de %@, %@",
        .intakeFutureDate: "l'en-tête Date '%@' est dans le futur ; la réception est datée de %@, %@",
        .intakeFileTime: "l'heure du fichier", .intakeIntakeTime: "l'heure de la prise en charge",
        .intakeTruncated: "le texte dépasse 256 Kio : la réclamation en montre le début, message.txt le contient en entier",
        .surveySummary: "%@ : %@ (%@, %@) : %@ sous %@ (%@, %@), %@",
        .surveyNewCase: "%@ nouvelle réclamation", .surveyNewCases: "%@ nouvelles réclamations", .surveyWithoutScore: ", %@ sans note",
        .surveySkipped: ", %@ écartées", .surveyNewLearner: "; nouveau dossier stagiaire : %@",
        .surveyNewLearners: "; nouveaux dossiers stagiaires : %@", .surveyTab: "tabulation",
        .sendSent: "envoyé %@ -> %@%@ [%@]", .sendEarlier: " (remis lors d'un envoi précédent)", .sendRefused: "refusé %@ -> %@ [%@]",
        .sendDeferred: "différé %@ : %@", .sendInDoubt: "incertain %@ : %@", .sendSkipped: "ignoré %@ : %@",
        .sendNothing: "rien à envoyer dans outbox/", .sendNotSentOne: "%@ message non envoyé ; voir ci-dessus",
        .sendNotSentMany: "%@ messages non envoyés ; voir ci-dessus",
        .doctorFixed: "réparé : %@", .doctorFixHint: " ; 'reclam doctor --fix' en répare %@",
        .doctorUncommittedReclam:
            "modifié mais non enregistré : 'reclam commit %@' le vérifie et l'enregistre, 'git restore %@' annule la modification",
        .doctorUncommittedOther: "modifié mais non enregistré : enregistrez-le avec git, ou annulez la modification avec 'git restore %@'",
        .auditAcceptedOne: "%@ constat du commit %@ accepté (%@)", .auditAcceptedMany: "%@ constats du commit %@ acceptés (%@)",
        .auditNoName: "sans nom",
        .sendNotCommitted: "non enregistré dans git ; enregistrez-le d'abord (git add %@ && git commit), puis relancez reclam send",
        .sendDeletedInWorkTree:
            "supprimé du répertoire de travail mais pas dans git ; restaurez-le (git checkout -- %@) ou enregistrez sa suppression",
        .sendUncommittedChanges: "a des modifications non enregistrées ; enregistrez-les ou annulez-les (git diff %@) avant l'envoi",
        .sendNoMessageID: "n'a pas d'en-tête Message-ID ; ajoutez-en un, par exemple Message-ID: <unique@example.org>",
        .sendInDoubtAdvice:
            "%@ ; il a pu être remis, il n'est donc pas renvoyé : demandez au destinataire, puis lancez 'reclam send --mark-sent %@' s'il est arrivé, ou 'reclam send --retry-in-doubt %@' sinon",
        .sendNoRecipient:
            "n'a pas de destinataire (To, Cc) ; ajoutez l'adresse du stagiaire aux 'emails' de learner.md et écrivez-le à nouveau",
        .sendBcc: "a un en-tête Bcc, que SMTP montrerait à chaque destinataire ; retirez-le",
        .sendNotAnAddress: "a un destinataire qui n'est pas une adresse ('%@') ; corrigez-le", .sendNoFrom: "n'a pas d'en-tête From",
        .doctorReclamWriting: "une commande reclam (%@) est en train d'écrire ; relancez 'reclam doctor' quand elle aura fini",
        .doctorKilledWrite: "une écriture de reclam (commit %@, de %@) a été interrompue avant la fin ; --fix la termine ou l'annule",
        .doctorStaleLockFound: "%@ : laissé par une commande git ou reclam qui n'a pas fini ; --fix le supprime",
        .doctorGitBusy: "%@ : une commande git utilise le dépôt",
        .doctorTemporary: "un fichier temporaire laissé par une écriture interrompue ; --fix le supprime",
        .doctorConflict: "le fichier a un conflit de fusion ; résolvez-le, puis enregistrez",
        .doctorIndexAndFileBehind:
            "l'index et le fichier contiennent la version d'avant la dernière modification de la branche (une écriture interrompue après son commit ?) ; --fix les met à jour",
        .doctorIndexBehind:
            "l'index contient la version d'avant la dernière modification de ce fichier par la branche (une écriture interrompue après son commit ?) ; un simple 'git commit' annulerait cette modification ; --fix met l'index à jour",
        .doctorFileBehind:
            "le fichier contient la version d'avant la dernière modification de la branche (une écriture interrompue après son commit ?) ; --fix le met à jour",
        .doctorRemoved: "%@ supprimé", .doctorUpToDate: "%@ mis à jour depuis la branche (%@)",
        .doctorIndexAndWorkTree: "index et répertoire de travail", .doctorIndexOnly: "index",
        .checkMissingField: "champ obligatoire '%@' absent ; ajoutez '%@: …' à l'en-tête",
        .checkNotDate: "'%@' n'est pas une date valide ; écrivez AAAA-MM-JJ, par exemple 2026-10-05",
        .checkNotDateTime:
            "'%@' n'est pas une date et heure valide ; écrivez-la en ISO 8601 avec le décalage horaire, par exemple 2026-10-05T09:12:00+02:00",
        .checkNotNumber: "'%@' n'est pas un nombre ; écrivez par exemple 4 ou 5,5", .checkNotOneOf: "'%@' ne fait pas partie de : %@",
        .checkDidYouMean: " ; vouliez-vous dire '%@' ?", .checkUnknownField: "champ inconnu '%@'",
        .checkAddToRequires: " ; ajoutez-le aux 'requires' d'une étape dans reclam.yml si la procédure en a besoin",
        .checkStageRequires: "l'étape %@ exige le champ '%@' (%@) ; ajoutez-le à l'en-tête",
        .surveyFieldCount: "%@ champs alors que l'en-tête en a %@ ; une valeur qui contient le séparateur '%@' doit être entre guillemets",
        .surveyBadScore: "la note '%@' n'est pas un nombre ; écrivez par exemple 4 ou 5,5",
        .surveyOutsideScale: "la note %@ est hors de l'échelle 0–%@ (--scale)", .surveyEmptyDate: "la date est vide",
        .surveyBadDate: "la date '%@' n'est pas une date depuis 1970 en chiffres ; écrivez 2026-11-10, 10/11/2026 ou 10/11/2026 14:03",
        .surveyFutureDate: "la date '%@' est dans le futur", .surveyRowSkipped: "écartée : %@",
        .severityError: "erreur", .severityWarning: "avertissement", .severityNote: "remarque",
        .surveyResponseOne: "%@ réponse", .surveyResponseMany: "%@ réponses", .surveyExistingOne: "%@ déjà reçue",
        .surveyExistingMany: "%@ déjà reçues", .surveyAtOrAboveOne: "%@ égale ou au-dessus", .surveyAtOrAboveMany: "%@ égales ou au-dessus",
        .surveyNotCSV: "%@ ne peut être lu comme un fichier CSV ; rien n'a été importé",
        .surveyComplaintRowOne:
            "%@ ligne sous le seuil dans %@ ne peut être prise en charge (ligne %@) : rien n'a été importé ; une réclamation n'est jamais écartée, même avec --skip-bad-rows. Corrigez-la",
        .surveyComplaintRowMany:
            "%@ lignes sous le seuil dans %@ ne peuvent être prises en charge (lignes %@) : rien n'a été importé ; une réclamation n'est jamais écartée, même avec --skip-bad-rows. Corrigez-les",
        .surveyUnknownRespondentHint: ", ou passez --unknown-learner create pour créer un dossier stagiaire pour un répondant inconnu",
        .surveyBadRowOne:
            "%@ ligne incorrecte dans %@ : rien n'a été importé ; corrigez-la ou passez --skip-bad-rows pour importer les autres lignes",
        .surveyBadRowMany:
            "%@ lignes incorrectes dans %@ : rien n'a été importé ; corrigez-les ou passez --skip-bad-rows pour importer les autres lignes",
        .surveyNoColumn: "aucune colonne %@ dans l'en-tête (%@) ; désignez-la avec --columns %@=<en-tête>",
        .surveyNoSuchColumn: "--columns : aucune colonne '%@' pour %@ ; l'en-tête contient : %@",
        .surveyEmptyLearner: "le stagiaire est vide",
        .surveyUnknownAddress:
            "l'adresse %@ ne figure dans la liste 'emails:' d'aucun stagiaire ; ajoutez-la à cases/<learner>/learner.md, ou passez --unknown-learner create",
        .surveySeveralLearners: "l'adresse %@ figure chez plusieurs stagiaires : %@", .surveyBadLearner: "stagiaire : %@",
        .csvBadUTF8: "le fichier commence par une marque d'ordre des octets UTF-8 mais n'est pas en UTF-8 valide",
        .csvBadUTF16: "le fichier commence par une marque d'ordre des octets UTF-16 mais n'est pas en UTF-16 valide",
        .csvNulBytes: "le fichier contient des octets nuls : ce n'est pas un fichier texte CSV",
        .csvEmpty: "le fichier n'a ni ligne d'en-tête ni lignes",
        .csvTextAfterQuote:
            "du texte suit le guillemet fermant d'un champ ; doublez un guillemet à l'intérieur d'un champ entre guillemets (\"\")",
        .csvUnclosedQuote: "un champ entre guillemets qui commence sur cette ligne n'est jamais fermé",
        .lockHolder: "processus %@, depuis %@ s", .lockHolderPid: "processus %@", .lockHolderUnknown: "un processus",
        .lockReclamBusy: "une autre commande reclam%@ écrit encore dans ce registre (attente : %@) ; réessayez",
        .lockFile: "%@ (âgé de %@, %@)", .lockHeldBy: "ouvert par %@", .lockWhileGitRuns: "pendant que %@ tourne dans ce dépôt",
        .lockOwnerUnknown: "son propriétaire ne peut être connu sur ce système", .lockNoProcess: "aucun processus ne l'a ouvert",
        .lockDays: "%@ jours",
        .lockStale:
            "%@ : laissé par une commande git ou reclam qui n'a pas fini ; %@. Si aucune commande git ne tourne, supprimez-le avec 'reclam doctor --fix' et relancez la commande",
        .lockGitBusy: "%@ : une commande git utilise le dépôt ; %@. Attendez qu'elle ait fini et relancez la commande",
        .lockNothingChanged: "rien n'a été modifié", .lockNothingCommitted: "rien n'a été enregistré",
        .lockWriteUnfinished: "l'écriture interrompue n'est pas encore terminée",
        .checkIDMismatch: "l'id '%@' ne correspond pas au nom du fichier '%@.md' ; renommez le fichier ou corrigez l'id",
        .checkFileName: "nom de fichier '%@.md' : %@",
        .checkLearnerMismatch:
            "le stagiaire '%@' ne correspond pas au dossier 'cases/%@/' ; déplacez le fichier ou corrigez le stagiaire",
        .checkReceivedFuture: "la date de réception %@ est dans le futur",
        .checkUnknownStepField: "champ inconnu '%@' dans steps ; une entrée de steps a stage, at, by, note, via",
        .checkStepBy: "by (steps) : %@", .checkStepStage: "'%@', dans steps, n'est pas une étape de la procédure",
        .checkStepAt:
            "chaque entrée de steps exige 'at', une date et heure ISO 8601 avec le décalage horaire, par exemple 2026-10-05T11:02:00+02:00",
        .checkStepOrder:
            "l'entrée de steps datée du %@ est antérieure à l'événement précédent (%@) ; les entrées sont enregistrées dans l'ordre chronologique",
        .checkStepFuture: "l'entrée de steps datée du %@ est dans le futur",
        .checkStageMismatch:
            "la dernière entrée de steps enregistre l'étape '%@' mais la réclamation est à l'étape '%@' : l'étape a changé sans son entrée ; remettez 'stage: %@' et faites le passage avec 'reclam move %@ %@'",
        .checkLearnerNoID: "champ obligatoire 'id' absent (l'identifiant pseudonyme du stagiaire, égal au nom du dossier)",
        .checkLearnerIDMismatch: "l'id de stagiaire '%@' ne correspond pas au dossier '%@'",
        .checkUnknownLearnerField: "champ de stagiaire inconnu '%@'", .checkUnknownActionField: "champ d'action inconnu '%@'",
        .checkActionIDMismatch: "l'id '%@' ne correspond pas au nom du fichier '%@.md'",
        .checkUnknownCase: "renvoie à une réclamation inconnue '%@'", .checkTemplateName: "nom de modèle : %@",
        .checkLearnerFolderName: "nom de dossier de stagiaire : %@",
        .checkActionOverdue: "échéance le %@ et toujours à l'étape %@",
        .checkActionReview:
            "terminée depuis le %@ sans vérification de l'efficacité (délai : %@ jours) ; lancez 'reclam action move %@ effectiveness-checked --set verdict=… --set evidence=…'",
        .checkCaseActionMissing: "l'étape %@ demande une action d'amélioration liée ou un 'no_action_reason'",
        .problemNotSingle: "une seule valeur (%@) est attendue, et non %@", .problemEmpty: "est vide",
        .problemOnePerson: "le nom ou l'identifiant d'une seule personne est attendu, sur une ligne (100 caractères au plus)",
        .problemNotOneValue: "une valeur parmi %@ est attendue, et non %@",
        .problemCaseList: "une liste d'identifiants de réclamations est attendue, par exemple [20261005-k7p3]",
        .problemList: "une liste est attendue, par exemple [attestation, délai]", .problemWords: "une liste de mots est attendue",
        .problemMappings: "une liste d'entrées (clé : valeur) est attendue", .problemEmptyID: "l'id est vide",
        .problemLongID: "l'id '%@…' dépasse %@ caractères",
        .problemReservedID:
            "'%@' est un nom de périphérique sous Windows (CON, PRN, AUX, NUL, COM0–COM9, LPT0–LPT9), où un registre peut être cloné ; choisissez un autre id",
        .problemBadID:
            "'%@' n'est pas un id valide : utilisez des lettres minuscules, des chiffres et des tirets, en commençant par une lettre ou un chiffre",
        .problemControl:
            "contient un saut de ligne, une tabulation ou un caractère de contrôle (%@ au caractère %@) ; écrivez-le sur une ligne",
        .problemKindList: "une liste", .problemKindMapping: "une table (clé : valeur)", .problemKindText: "un texte",
        .refuseMoveErrors: "la réclamation %@ a des erreurs ; corrigez-les avant de la faire changer d'étape (reclam check %@)",
        .refuseSetErrors: "la réclamation %@ a des erreurs ; corrigez-les d'abord (reclam check %@)",
        .refuseActionErrors: "l'action %@ a des erreurs ; corrigez-les d'abord",
        .refuseHandEditOne:
            "rien n'a été enregistré : un fichier a des erreurs ; les modifications restent dans les fichiers, non enregistrées",
        .refuseHandEditMany:
            "rien n'a été enregistré : %@ fichiers ont des erreurs ; les modifications restent dans les fichiers, non enregistrées",
        .moveOneOf: " (parmi : %@)", .moveLacksField: "l'étape %@ exige un champ que %@ n'a pas :",
        .moveLacksFields: "l'étape %@ exige des champs que %@ n'a pas :",
        .moveNoneAllowed: "aucune (la réclamation est à une étape finale)",
        .moveNotAllowed: "%@ ne peut pas passer de l'étape %@ à l'étape %@ : la procédure ne le permet pas ; possible depuis %@ : %@",
        .moveVerbNotAllowed: "%@ : '%@' n'est pas possible à l'étape %@ ; possible depuis %@ : %@",
        .mailTooLarge: "le message fait %@ octets, au-delà de la limite de %@ octets (--max-size)",
        .mailEmpty: "le fichier est vide : il ne contient aucun message", .mailNoMemory: "impossible de lire le message en mémoire",
        .mailNoParser: "impossible de lancer l'analyseur MIME",
        .mailNotAMessage: "ce n'est pas un courriel : aucun en-tête n'a pu être lu",
        .mailNoMessageHeaders: "ce n'est pas un courriel : il n'a aucun des en-têtes d'un message (From, To, Subject, Date, Message-ID…)",
        .mailMIMEBomb: "les parties MIME sont imbriquées trop profondément pour l'analyseur (une bombe MIME)",
        .mailTooManyParts: "le message a plus de %@ parties MIME (--max-parts)",
        .mailTooDeep: "les parties MIME sont imbriquées sur plus de %@ niveaux (--max-depth)",
        .mailDuplicatedHeader: "en-tête en double%@", .mailDuplicatedParameter: "paramètre d'en-tête en double%@",
        .mailInvalidContentType: "Content-Type invalide%@", .mailInvalidEncodedWords: "mots encodés (RFC 2047) invalides dans un en-tête%@",
        .mailInvalidParameter: "paramètre d'en-tête invalide%@", .mailInvalidAddressList: "liste d'adresses invalide%@",
        .mailNotAHeader: "une ligne d'en-tête qui n'est pas un en-tête a été ignorée%@",
        .mailConflictingHeaders: "en-têtes%@ contradictoires : les logiciels de messagerie peuvent afficher l'un ou l'autre",
        .mailConflictingParameters: "paramètres d'en-tête contradictoires%@ : les logiciels de messagerie peuvent lire l'un ou l'autre",
        .mailNoParts: "une section multipart n'a aucune partie : son texte avant la première limite a été lu comme le texte",
        .mailTruncated: "le message est tronqué : il manque une partie MIME ou la limite de fin d'un multipart",
        .mailMalformed: "le message est mal formé", .mailNoBoundary: "une section multipart n'a pas de limite (boundary)",
        .mailPartWithoutContent: "une partie MIME a des en-têtes mais pas de contenu",
        .mailPartWithoutHeadersOrContent: "une partie MIME n'a ni en-têtes ni contenu",
        .mailUndecodedSubject: "l'objet contient des mots encodés (RFC 2047) qui ne peuvent être décodés ; ils sont gardés tels quels",
        .mailNoSender: "le message n'a pas d'expéditeur : son en-tête From est absent ou ne contient aucune adresse",
        .mailUnknownEncoding: "Content-Transfer-Encoding inconnu '%@' : le contenu a été lu tel quel",
        .mailNotUTF8: "le texte est déclaré en UTF-8 mais ne l'est pas ; il a été lu en Windows-1252",
        .mailUndecodableCharset: "le texte est déclaré en '%@', qui ne peut le lire ; il a été lu en %@",
        .deliveryOutOfMemory: "mémoire insuffisante",
        .deliveryNoAnswer: "le message a été transmis en entier mais le serveur n'a pas répondu (%@)",
        .deliveryAnsweredAfterData: "le message a été transmis en entier mais le serveur a répondu %@ (%@)",
        .deliveryAnswered: "le serveur a répondu %@", .deliveryCannotConnect: "connexion impossible à %@ : %@",
        .deliveryTimeout: "le serveur %@ n'a pas répondu dans le délai mail.timeout (%@ s) : %@",
        .deliveryLoginUser: "le serveur a refusé la connexion de mail.user (%@) ; vérifiez le mot de passe",
        .deliveryNoSTARTTLS: "le serveur ne propose pas STARTTLS (%@) ; indiquez security: tls (port 465) s'il attend TLS d'emblée",
        .deliveryTLS: "la connexion TLS avec %@ a échoué : %@ ; le certificat du serveur doit être valide pour son nom",
        .deliverySender: "le serveur a refusé l'expéditeur %@ : %@ ; vérifiez mail.from",
        .deliveryLogin: "le serveur a refusé la connexion (%@) ; vérifiez mail.user et le mot de passe",
        .deliveryAnsweredTo: "le serveur a répondu %@ à %@", .deliveryGreeting: "l'ouverture de la session",
        .deliveryOther: "%@ (dernière réponse : %@)", .deliverySendmailEmpty: "mail.sendmail est vide",
        .deliveryCannotRun: "impossible de lancer %@ : %@", .deliveryRecordNotWritten: "la trace d'envoi n'a pas pu être écrite",
        .deliveryKilledTimeout: "%@ n'a pas fini dans le délai mail.timeout (%@ s) et a été arrêté",
        .deliveryMayHaveLeft: " ; le message est peut-être parti", .deliveryKilledSignal: "%@ a été arrêté par le signal %@",
        .deliveryKilled: "%@ a été arrêté", .deliveryExited: "%@ s'est terminé avec le code %@",
        .deliveryHandedOver: "le message a été transmis en entier à %@ mais l'envoi s'est arrêté avant sa réponse",
        .sendUnreadableRecord: "trace d'envoi illisible %@ ignorée ; supprimez-la après vérification",
        .sendLogCutShort:
            "la dernière ligne de %@ est incomplète (un envoi s'est arrêté en l'écrivant) ; ignorée, gardée dans %@.unreadable",
        .sendLogDamaged: "la ligne %@ de %@ est endommagée ; ignorée, gardée dans %@.unreadable",
        .sendDeliveredGone: "%@ a été remis mais n'est plus dans outbox/ ; sa trace d'envoi est abandonnée",
        .sendOtherMessage: "la trace d'envoi de %@ désigne un autre message (%@) ; abandonnée",
        .sendNoJournalLines: "les lignes de journal des réclamations n'ont pas été ajoutées : %@",
        .sendNoMessageOfCase: "aucun message de la réclamation %@ dans outbox/",
        .sendLockBusy: "une autre commande 'reclam send' tourne sur ce registre (%@) ; réessayez quand elle aura fini",
        .recoveryRemovedObjects: "fichiers d'objets temporaires laissés par une écriture interrompue supprimés : %@",
        .recoveryFinished: "écriture interrompue terminée (%@) : %@", .recoveryUndid: "écriture interrompue annulée (%@) : %@",
        .recoveryBroughtToBranch: "fichiers d'une écriture interrompue ramenés à la version de la branche (%@) : %@",
        .recoveryCommit: "commit %@", .recoveryCommitNeverMade: "commit %@, jamais fait",
        .recoveryNoFile: "aucun fichier n'en avait besoin",
        .recoveryOneFile: "1 fichier mis à jour", .recoveryFiles: "%@ fichiers mis à jour",
        .recoveryNotInBranch: "%@ : pas un fichier dans la branche ; laissé tel quel",
        .recoveryNotRegular: "%@ : pas un fichier ordinaire dans le répertoire de travail ; laissé tel quel",
        .recoveryOtherChanges: "%@ : le répertoire de travail contient d'autres modifications (faites depuis ?) ; laissées telles quelles",
        .recoveryOtherIndex: "%@ : l'index contient une autre version (indexée depuis ?) ; laissée telle quelle",
        .fileSizeOver:
            "le fichier fait %@ octets, au-delà de la limite de %@ octets (1 Mio) ; sortez les pièces jointes du fichier",
        .fileNUL: "le fichier contient des octets NUL (données binaires) ; un fichier du registre doit être du texte UTF-8",
        .fileNotUTF8: "le fichier n'est pas en UTF-8 valide ; réenregistrez-le en UTF-8 (par exemple : iconv -f WINDOWS-1252 -t UTF-8)",
        .fileSymlink: "les liens symboliques ne sont pas suivis dans un registre ; remplacez le lien par le fichier lui-même",
        .fileCannotRead: "impossible de lire le fichier : %@", .fileCannotList: "impossible de lister le dossier : %@",
        .fileDirectlyUnderCases:
            "fichier directement sous cases/ ; une réclamation va dans le dossier de son stagiaire : cases/<id-stagiaire>/<id-réclamation>.md",
        .fileFolderTooDeep:
            "dossier trop profond : un dossier de stagiaire contient les fichiers des réclamations et, pour chacune, un dossier de pièces jointes à son nom",
        .fileNotCase:
            "pas un fichier de réclamation : leur nom finit par .md ; les pièces jointes vont dans un dossier au nom de leur réclamation",
        .fileNotAction: "pas un fichier d'action : une action est un fichier actions/<id>.md",
        .fileConflict: "fusion non résolue : marqueurs de conflit ; %@",
        .fileConflictResolve:
            "lancez 'reclam conflicts' pour voir les deux versions, puis 'reclam resolve %@ --take ours' (ou theirs, ou --set CHAMP=VALEUR)",
        .fileConflictEdit: "lancez 'reclam conflicts' pour voir les deux versions, puis modifiez le fichier pour n'en garder qu'une",
        .frontMatterMissing: "pas d'en-tête : le fichier doit commencer par une ligne '---', puis les champs YAML, puis une ligne '---'",
        .frontMatterUnclosed: "l'en-tête ouvert ligne %@ n'est jamais fermé ; ajoutez une ligne '---' après le dernier champ",
        .frontMatterNotMapping: "l'en-tête doit être une suite de lignes 'champ: valeur'",
        .yamlNoParser: "impossible de démarrer l'analyseur YAML",
        .yamlSeveralDocuments: "un seul document YAML est permis ici ; supprimez la ligne '---' ou '...' en trop",
        .yamlAlias: "les alias YAML ('*nom') ne sont pas permis ; écrivez la valeur en entier",
        .yamlDepth: "YAML imbriqué sur plus de %@ niveaux ; aplatissez la structure",
        .yamlComplexKey: "une clé doit être du texte simple, pas une liste ni un dictionnaire",
        .yamlDuplicateKey: "clé '%@' en double (déjà donnée ligne %@) ; n'en gardez qu'une",
        .yamlAnchor: "les ancres YAML ('&%@') ne sont pas permises ; écrivez chaque valeur en entier",
        .yamlTag: "les étiquettes YAML ('%@') ne sont pas permises ; mettez plutôt la valeur entre guillemets",
        .yamlSyntax: "YAML invalide : « %@ »", .yamlSyntaxContext: "YAML invalide : « %@ » (« %@ », ligne %@)",
        .yamlQuoteColon: " ; mettez entre guillemets une valeur qui contient ': '",
        .yamlKeyValue: " ; écrivez chaque champ 'clé: valeur' sur une ligne, avec une clé d'au plus 1024 caractères",
        .yamlQuoteStart: " ; mettez entre guillemets une valeur qui commence par '@', '`' ou une tabulation",
        .instantMalformed:
            "%@ '%@' n'est pas une date et heure : écrivez 2026-10-05 09:12 ou 2026-10-05 (dans le fuseau horaire du registre, %@), "
            + "ou en ISO 8601 avec un décalage, 2026-10-05T09:12:00+02:00",
        .instantNonexistent:
            "%@ '%@' n'existe pas dans %@ : les horloges passent de %@ à %@ ; écrivez l'heure avec son décalage, par exemple %@ ou %@",
        .instantAmbiguous:
            "%@ '%@' arrive deux fois dans %@, à %@ et à %@ ; écrivez l'heure avec son décalage, par exemple %@ ou %@",
        .atFuture: "--at %@ est dans le futur",
        .atBeforePrevious: "--at %@ est antérieur à l'étape précédente (%@) ; les étapes sont enregistrées dans l'ordre du temps",
        .clockBehind: "l'horloge (%@) est antérieure à la dernière étape ; vérifiez l'horloge ou RECLAM_NOW",
        .unreadableLeftOut: "%@ fichier(s) illisible(s), laissé(s) de côté : %@ ; lancez 'reclam check'",
        .intakeMaxSize: "le message fait %@ octets, au-delà de la limite de %@ octets (--max-size %@) ; rien n'a été écrit",
        .intakeCannotRead: "impossible de lire le fichier : %@",
        .configMapping: "reclam.yml doit être une table de réglages (organisation, language, timezone, procedure…)",
        .configUnknownSetting: "réglage inconnu '%@'", .configLanguage: "language doit valoir 'fr' ou 'en'",
        .configTimezone: "le fuseau horaire '%@' n'est pas un fuseau IANA ; écrivez par exemple Europe/Paris",
        .configNoProcedure:
            "reclam.yml n'a pas de section 'procedure' ; ajoutez 'procedure: training' ou 'procedure: network', ou une procédure complète",
        .nodeMissing: "'%@' manquant", .nodeNotText: "'%@' doit être du texte, et non %@",
        .nodeNotBool: "'%@' doit valoir true ou false", .nodeNotWords: "'%@' doit être un mot ou une liste de mots",
        .templateNoSubject: "un modèle de lettre a besoin de 'subject: …' dans son en-tête",
        .templateUnknownVariable: "variable inconnue '%@'", .templateMustache: "erreur de syntaxe mustache : %@",
        .mustacheUnclosedSection: "une section ouverte par {{#nom}} ou {{^nom}} n'est jamais fermée par {{/nom}}",
        .mustacheWrongClose: "{{/nom}} ferme une section qui n'a pas été ouverte sous ce nom",
        .mustacheUnfinished: "une balise n'est pas fermée par }}",
        .mustacheDelimiter: "un changement de délimiteurs {{=<% %>=}} est mal écrit",
        .templateRefused: "le modèle %@ n'est pas valide",
        // reclam.yml: procedure, SLA rules, calendar, actions.
        .procUnknownPreset: "modèle de procédure inconnu '%@' ; écrivez training ou network, ou décrivez la procédure en entier",
        .procNotMapping: "'procedure' doit être le nom d'un modèle ou une table avec stages et transitions",
        .procNoStages: "la procédure a besoin d'une liste 'stages' non vide",
        .procStageNotMapping: "chaque étape doit être une table avec au moins 'id'", .procStageID: "étape : %@",
        .procStageTwice: "l'étape '%@' est définie deux fois (une première fois ligne %@)",
        .procLabels: "'labels' doit associer à chaque langue un libellé, par exemple %@",
        .procTransitionFields: "chaque transition a besoin de 'from', 'to' et 'verb'",
        .procRequirementNotMapping: "chaque champ exigé doit être une table comme {field: owner, type: person}",
        .procRequirementNoType:
            "le champ exigé '%@' n'a pas de type ; ajoutez type: text, date, datetime, person, enum, number ou case-list",
        .procUnknownFieldType: "type de champ inconnu '%@'", .procEnumNoValues: "le champ '%@', de type enum, a besoin de ses 'values'",
        .procUnknownStage: "la transition cite l'étape inconnue '%@'",
        .procTerminalExit:
            "l'étape finale '%@' a une transition sortante vers '%@' ; seule une transition marquée 'reopen: true' peut quitter une étape finale",
        .procVerbClash:
            "le verbe '%@' est le nom d'une commande reclam : 'reclam %@ ID' ne pourrait pas le lancer ; choisissez un autre verbe",
        .procSeveralInitial: "plusieurs étapes sont marquées initial : %@",
        .procUnreachable: "aucune transition ne mène à l'étape '%@' ; ajoutez-en une ou supprimez l'étape",
        .procNoTerminal: "aucune étape n'est marquée terminal : les réclamations ne pourront jamais être closes",
        .slaNotList: "'sla' doit être une liste de règles, chacune avec name, start, stop, duration et, au besoin, warn",
        .slaRuleNotMapping:
            "chaque règle de délai doit être une table comme {name: answer, start: received, stop: responded, duration: 48 heures}",
        .slaUnknownSetting: "réglage inconnu '%@' dans une règle de délai", .slaNotStage: "%@ '%@' n'est pas une étape de la procédure",
        .slaNoName: "règle de délai sans nom ; ajoutez name: …, par exemple name: answer (le mot que prend 'reclam sla --rule')",
        .slaBadStart: "start doit valoir 'received' ou l'id d'une étape",
        .slaBadStop: "stop doit être l'id d'une étape ou une liste d'ids d'étapes, par exemple stop: responded",
        .slaStopIsStart: "stop '%@' est aussi le départ : le délai s'arrêterait dès qu'il démarre",
        .slaNoStop: "la règle de délai '%@' n'a pas de stop ; ajoutez l'étape qui respecte le délai, par exemple stop: responded",
        .slaNotDuration:
            "%@ %@ n'est pas une durée ; écrivez un nombre entier et une unité, par exemple 48 heures, "
            + "8 heures ouvrées, 1 jour ouvré, 10 jours ouvrés, 2 jours ouvrables, 30 jours",
        .slaNoDuration: "la règle de délai '%@' n'a pas de duration ; ajoutez par exemple duration: 48 heures ou duration: 10 jours ouvrés",
        .slaNotThreshold:
            "%@ %@ n'est pas un seuil ; écrivez une part du délai comme 75 %, "
            + "ou une durée avant l'échéance comme 1 jour ouvré avant ou 2 jours ouvrés avant",
        .slaWarnTooLong: "warn '%@' n'est pas plus court que la durée (%@) : le délai est à risque dès qu'il démarre",
        .slaWhenNotValues: "when.%@ doit être une valeur ou une liste de valeurs",
        .slaWhenNotField: "when : '%@' n'est pas un champ d'une réclamation",
        .slaWhenNotOneOf: "when.%@ : '%@' n'est pas l'une des valeurs %@",
        .slaWhenNotMapping:
            "when doit être une table qui associe des champs de la réclamation à des valeurs, par exemple when: {kind: complaint}",
        .slaSinceNotDate: "since %@ n'est pas une date ; écrivez le premier jour où la règle s'applique, au format AAAA-MM-JJ",
        .slaTwiceSince:
            "la règle de délai '%@' est définie deux fois avec since %@%@ ; "
            + "donnez à la nouvelle version le jour où elle prend effet avec since: AAAA-MM-JJ",
        .slaTwiceWithoutSince:
            "la règle de délai '%@' est définie deux fois sans 'since'%@ ; "
            + "donnez à la nouvelle version le jour où elle prend effet avec since: AAAA-MM-JJ",
        .slaFirstLine: " (ligne %@)",
        .calNotMapping: "'calendar' doit être une table avec region, working_days, business_hours et closures, et non %@",
        .calUnknownSetting: "réglage de calendrier inconnu '%@'",
        .calRegion: "calendar.region %@ n'est pas une région connue ; écrivez l'une de celles-ci : %@",
        .calDidYouMean: " (vouliez-vous dire '%@' ?)",
        .calBusinessHours:
            "calendar.business_hours %@ n'est pas une heure d'ouverture et une heure de fermeture ; "
            + "écrivez HH:MM-HH:MM, l'ouverture d'abord, par exemple \"09:00-17:00\"",
        .calClosuresNotList: "calendar.closures doit être une liste de {date: AAAA-MM-JJ, name: …} ou de {from: …, to: …, name: …}",
        .calWorkingDaysNotList: "calendar.working_days doit être une liste de jours, par exemple [lun, mar, mer, jeu, ven]",
        .calNotDay: "%@ n'est pas un jour de la semaine ; écrivez lun, mar, mer, jeu, ven, sam, dim (ou mon, tue, wed, thu, fri, sat, sun)",
        .calNoWorkingDay: "calendar.working_days est vide : il faut au moins un jour ouvré pour calculer les échéances",
        .calClosureNotMapping: "chaque fermeture doit être une table comme {date: 2026-05-15, name: Pont de l'Ascension}",
        .calClosureUnknown: "réglage de fermeture inconnu '%@'", .calClosureHas: " ; une fermeture a date, ou from et to, et name",
        .calClosureNotDate: "fermeture : %@ %@ n'est pas une date ; écrivez un jour qui existe, au format AAAA-MM-JJ",
        .calClosureNoName: "fermeture sans nom ; ajoutez name: …, affiché quand une échéance saute ce jour",
        .calClosureBoth: "une fermeture a soit date, soit from et to, pas les deux",
        .calClosureNoDate: "fermeture sans date ; ajoutez date: AAAA-MM-JJ, ou from: et to: pour plusieurs jours",
        .calClosureRange: "une fermeture de plusieurs jours a besoin de from et de to (le dernier jour fermé)",
        .calClosureBackwards: "la fermeture '%@' finit (%@) avant de commencer (%@)",
        .actionsReviewDelay: "actions.review_delay doit être un nombre de jours, par exemple '30 jours calendaires'",
        // reclam.yml: mail, serve, trusted users, sites.
        .mailSettingsMapping: "'mail' doit être une table de réglages (from, transport, host, port, security, user)",
        .mailSettingsPassword:
            "n'écrivez jamais le mot de passe SMTP dans reclam.yml (il est enregistré dans git) : retirez-le, puis définissez %@ "
            + "ou 'password_file: /etc/reclam/smtp-password' (un fichier hors du dépôt)",
        .mailSettingsUnknown: "réglage inconnu '%@' dans la section mail",
        .mailSettingsFrom: "from '%@' n'est pas une adresse ; écrivez par exemple \"Organisme Exemple <reclamations@example.org>\"",
        .mailSettingsTransport: "transport '%@' ne fait pas partie de : smtp, sendmail",
        .mailSettingsSecurity: "security '%@' ne fait pas partie de : starttls, tls, none",
        .mailSettingsPort: "port '%@' n'est pas un numéro de port (de 1 à 65535) ; écrivez par exemple 587",
        .mailSettingsTimeout: "timeout '%@' doit être un nombre de secondes de 1 à 600",
        .mailSettingsPasswordFile:
            "password_file '%@' doit être un chemin absolu hors du dépôt, par exemple /etc/reclam/smtp-password",
        .mailSettingsSendmail: "'sendmail' doit être une commande, par exemple /usr/bin/msmtp -t",
        .mailSettingsSendmailPath: "'sendmail' doit commencer par le chemin absolu de la commande, par exemple /usr/sbin/sendmail -t -i",
        .mailSettingsNoHost: "transport smtp demande 'host' (le serveur SMTP, par exemple smtp.example.org)",
        .mailSettingsSecurityNone:
            "security: none envoie les messages et les mots de passe en clair ; ce n'est permis que pour un serveur sur cette machine "
            + "(localhost, 127.0.0.1) ; utilisez starttls (port 587) ou tls (port 465)",
        .mailSettingsHost: "host '%@' doit être un nom d'hôte ou une adresse, sans protocole ni chemin",
        .mailSettingsNoUser: "password_file est renseigné sans 'user' : aucun mot de passe n'est envoyé",
        .mailSettingsIgnored: "'%@' est ignoré avec transport: sendmail (la commande a ses propres réglages)",
        .peopleList: "'people' doit être une liste de {id, name, email}",
        .personMapping: "chaque personne est une table {id: claire, name: Claire Martin, email: claire@example.org}",
        .personUnknown: "réglage de personne inconnu '%@' (id, name, email)", .personID: "id de personne : %@",
        .personEmail: "email '%@' n'est pas une adresse du type claire@example.org",
        .personTwice: "la personne '%@' figure deux fois (ligne %@)",
        .serveMapping: "'serve' doit être une table de réglages (actor, privacy_url, rate_limit…)",
        .serveUnknown: "réglage inconnu 'serve.%@'",
        .serveListen: "serve.listen '%@' n'est pas de la forme ADRESSE:PORT ; écrivez par exemple 127.0.0.1:8080",
        .serveWebAddress: "serve.%@ '%@' n'est pas une adresse http:// ou https://",
        .serveActor: "serve.actor '%@' n'est pas de la forme \"Nom <adresse>\"",
        .serveRateLimit: "serve.rate_limit '%@' doit être un nombre par période : 5/hour, 20/day, 2/minute",
        .serveMaxUpload: "serve.max_upload '%@' doit être une taille d'au plus 100 MiB, par exemple 10 MiB ou 500 KiB",
        .serveDeadlineRule: "serve.deadline_rule '%@' n'est pas une règle de délai de ce registre",
        .serveNoRules: " (il n'en a aucune)", .serveRules: " ; règles : %@",
        .serveUnknownText: "texte inconnu 'serve.texts.%@'", .serveText: "serve.texts.%@ doit être un texte non vide",
        .serveTexts: "serve.texts doit associer des clés de textes à des textes, par exemple {form_intro: …}",
        .serveStaffPrefix: "serve.staff_prefix '%@' doit être un chemin comme /equipe (lettres, chiffres, - et _)",
        .serveUsersFile: "serve.users_file '%@' doit être un chemin à l'intérieur du registre, par exemple users.yml",
        .serveNumber: "serve.%@ doit être un nombre de %@ à %@", .serveMinutes: "serve.%@ doit être un nombre de minutes de %@ à %@",
        .serveHeaderName: "serve.trusted_user_header '%@' doit être un nom d'en-tête comme X-Remote-User",
        .serveHeaderStandard:
            "serve.trusted_user_header '%@' est un en-tête standard ; choisissez un en-tête propre au proxy, comme X-Remote-User",
        .serveProxyAddress: "serve.trusted_proxies : '%@' n'est pas une adresse IP comme 10.0.0.5 ou fd00::5",
        .serveProxiesAlone:
            "serve.trusted_proxies n'a aucun effet sans serve.trusted_user_header : renseignez les deux, ou aucun des deux",
        .sitesList: "la section 'sites' doit être une liste de {code, name, region}",
        .siteMapping: "un site est une table {code, name, region}", .siteCode: "code de site : %@",
        .siteNameRegion: "le site '%@' doit avoir un nom et une région, par exemple {code: %@, name: %@, region: %@}",
        .siteTwice: "le code de site '%@' figure deux fois",
        .mailSettingsRefused:
            "la section 'mail' de reclam.yml n'est pas valide ; corrigez-la (reclam check montre les mêmes constats)",
        .serveRefused: "la section 'serve' de reclam.yml n'est pas valide ; corrigez-la (reclam check)",
        // Refusals of the workflow commands.
        .auditNotInBranch: "le commit %@ n'est pas dans l'historique de la branche ; seuls les commits de la branche sont audités",
        .auditNothingToAccept: "le commit %@ n'a aucun constat d'audit ; il n'y a rien à accepter",
        .auditAlreadyAccepted: "le commit %@ a déjà été accepté par %@ le %@ (commit %@)",
        .caseChangedSinceForm: "%@ a changé depuis l'ouverture du formulaire ; rechargez la réclamation",
        .cannotEdit: "impossible de modifier %@ : %@",
        .sectionsUnchanged: "%@ : rien ne change (les sections ont déjà ces textes)",
        .fieldsUnchanged: "%@ : rien ne change (les champs ont déjà ces valeurs)",
        .notGitRepositoryInit: "%@ n'est pas un dépôt git (%@) ; lancez-y 'git init' ou 'reclam init'",
        .notGitRepositoryFirst: "%@ n'est pas un dépôt git (%@) ; lancez-y d'abord 'git init'",
        .notGitRepository: "%@ n'est pas un dépôt git (%@)",
        .cannotExamineRepository: "impossible d'examiner le dépôt : %@",
        .cannotReadGitStatus: "impossible de lire l'état git : %@", .cannotReadBranch: "impossible de lire la branche : %@",
        .cannotReadFromBranch: "impossible de lire %@ dans la branche : %@",
        .cannotReadGitStatusOf: "impossible de lire l'état git de %@ : %@",
        .mergeConflictResolveFirst: "%@ a un conflit de fusion ; résolvez-le d'abord",
        .stagedDiffers:
            "%@ a des modifications indexées qui diffèrent du fichier ; lancez 'git add %@' pour enregistrer le fichier tel qu'il est, "
            + "ou 'git restore --staged %@', puis relancez la commande",
        .noWorkTree: "le dépôt n'a pas d'arbre de travail",
        .cannotAddStep: "impossible d'ajouter l'étape et la ligne de journal aux fichiers : %@",
        .restoreAlsoFailed: " ; la restauration de vos modifications a aussi échoué : ",
        .cannotCommitFile: "enregistrement impossible : %@",
        .cannotReadHooksPath: "impossible de lire core.hooksPath : %@", .cannotCreate: "impossible de créer %@ : %@",
        .hookNotOurs:
            "%@ existe déjà et n'a pas été écrit par reclam ; il est conservé. Appelez 'reclam check --staged' depuis ce hook, "
            + "ou lancez 'reclam hooks install --force' pour le remplacer (il est alors conservé sous le nom %@)",
        .hookBackupExists: "%@ existe déjà (une sauvegarde antérieure) ; déplacez-la d'abord, rien n'a été modifié",
        .hookCannotKeep: "impossible de conserver le hook existant sous le nom %@ : %@",
        .cannotWrite: "impossible d'écrire %@ : %@",
        .hookNotInstalledByReclam: "%@ n'a pas été installé par reclam ; il est laissé tel quel",
        .cannotRemove: "impossible de supprimer %@ : %@",
        .hookCannotRestore: "le hook de reclam a été supprimé, mais impossible de restaurer %@ : %@",
        .initAlreadyLedger: "%@ existe déjà : c'est déjà un registre ; rien n'a été modifié",
        .cannotCreateRepository: "impossible de créer un dépôt git dans %@ : %@",
        .finishInterruptedWrite: "achèvement d'une écriture interrompue : %@",
        .learnerExists: "le stagiaire %@ existe déjà (%@) ; modifiez-le avec 'reclam learner edit %@ --add-email …'",
        .learnerNoFile: "le stagiaire %@ n'a pas de fichier (%@) ; créez-le avec 'reclam learner add %@ --email …'",
        .fileUnreadableFixFirst: "%@ est illisible ; corrigez-le d'abord",
        .learnerNoAddress: "le stagiaire %@ n'a pas l'adresse %@ ; ses adresses : %@",
        .learnerUnchanged: "stagiaire %@ : rien ne change",
        .procedureNoStages: "la procédure n'a aucune étape",
        .newCaseUnparsable: "la nouvelle réclamation serait illisible : %@",
        .caseExists: "la réclamation %@ existe déjà (%@)",
        .outboxNoAddress:
            "%@ : aucune adresse à laquelle envoyer le courriel '%@' (ni 'emails' dans learner.md, ni contact, ni expéditeur) ; %@",
        .outboxAddLearnerAddress: "ajoutez l'adresse du stagiaire avec 'reclam learner edit %@ --add-email ADRESSE'",
        .outboxOrAckOtherWay:
            ", ou enregistrez un accusé de réception fait autrement avec 'reclam ack %@ --by letter|phone|in-person --note …'",
        .contactEmpty:
            "la réclamation %@ n'a pas de contact : le courriel dont elle vient n'avait pas d'expéditeur, il n'y a donc personne "
            + "à qui envoyer l'accusé de réception ; indiquez l'adresse en accusant réception : %@",
        .contactNotAddress: "réclamation %@ : le contact '%@' n'est pas une adresse électronique ; indiquez-en une : %@",
        .addressPlaceholder: "ADRESSE",
        .cannotReadAfterMove: "impossible de lire %@ après le changement d'étape : %@",
        .cannotReadStaged: "impossible de lire les fichiers indexés : %@",
        .cannotReadStagedFile: "impossible de lire la version indexée de %@ : %@",
        .cannotRead: "impossible de lire %@ : %@",
        .calendarErrors: "reclam.yml a des erreurs dans son fuseau horaire ou son calendrier ; corrigez-les d'abord",
        .editNotRegular: "%@ %@ ; reclam edit n'ouvre que les fichiers ordinaires du registre",
        .editEditsStay:
            "vos modifications restent dans %@, non enregistrées ; corrigez-les et lancez 'reclam commit %@', "
            + "ou abandonnez-les avec 'git restore %@'",
        .editCannotRunShell: "impossible de lancer /bin/sh pour l'éditeur : %@",
        .editEditorFailed:
            "l'éditeur (%@) s'est terminé avec le code %@ ; rien n'a été enregistré, et le fichier est tel que l'éditeur l'a laissé ; "
            + "réglez VISUAL ou EDITOR, par exemple EDITOR=nano",
        .reportDeadlineSettings:
            "les réglages du calendrier ou des délais dans reclam.yml ne sont pas valides ; les échéances seraient fausses",
        .serverStopped: "le serveur s'est arrêté : %@",
        .userExists: "l'utilisateur '%@' existe déjà ; 'reclam user passwd %@' change son mot de passe",
        .noUser: "aucun utilisateur '%@' dans %@", .userAddHint: "'reclam user add %@ …' en ajoute un", .semicolonSeparator: " ; ",
        // Refusals of mail, intake, sync, audit and the ledger.
        .ledgerInvalid: "%@ n'est pas valide ; corrigez-le d'abord",
        .ledgerDeadlineErrors:
            "reclam.yml a des erreurs dans son fuseau horaire, son calendrier ou ses règles de délai ; corrigez-les d'abord",
        .ledgerIDSeveralFiles: "l'id '%@' est utilisé par plusieurs fichiers : %@ ; lancez 'reclam check'",
        .ledgerCaseUnreadable: "la réclamation '%@' ne peut pas être lue ; corrigez-la d'abord",
        .ledgerActionUnreadable: "l'action '%@' ne peut pas être lue ; corrigez-la d'abord",
        .ledgerUnusable: "%@ ne peut pas être utilisé",
        .ledgerNotGit: "%@ n'est pas un dépôt git : %@",
        .ioCannotList: "impossible de lister %@ : %@",
        .ioCannotReadBare: "impossible de lire %@",
        .ioCannotWriteBare: "impossible d'écrire %@",
        .ioCannotOpen: "impossible d'ouvrir %@ : %@",
        .ioCannotSync: "impossible de synchroniser %@ sur le disque : %@",
        .ioCannotRename: "impossible de renommer %@ : %@",
        .ioCannotReplace: "impossible de remplacer %@ : %@",
        .mailPasswordFileUnreadable: "impossible de lire mail.password_file %@ : %@",
        .mailCurlInit: "libcurl n'a pas pu être initialisée",
        .mailCurlSettings: "libcurl a refusé des réglages (%@) ; libcurl est-elle compilée avec SMTP et TLS ?",
        .sendCannotReadBranch: "impossible de lire la branche : %@",
        .sendBranchNoCommit: "la branche n'a aucun commit",
        .sendNothingToRecord: "rien à enregistrer : les messages remis ne sont plus dans outbox/",
        .sendJournalUnreadable: "impossible de lire %@ : %@ ; mettez-le de côté après l'avoir vérifié (docs/MAIL.md)",
        .maildirMoveRefused: "impossible de déplacer %@ dans %@/ : %@",
        .maildirAlreadyThere: "%@ existe déjà ; %@ reste dans new/",
        .staffNotYAML: "%@ : YAML non valide : %@",
        .staffNoUsers: "%@:%@ : 'users:' suivi d'une liste d'utilisateurs est attendu",
        .staffUserFields:
            "%@:%@ : un utilisateur doit avoir id, name, email, role (staff ou reviewer) et password ; corrigez-le avec reclam user add ou remove",
        .staffCaseChanged: "la réclamation a changé pendant que le formulaire était ouvert",
        .mergeDriverConfig: "impossible de régler merge.reclam.driver dans la configuration du dépôt : %@",
        .mergeWriteMerged: "impossible d'écrire le fichier fusionné %@ : %@",
        .actionNoStages: "la procédure des actions n'a aucune étape",
        .actionAlreadyLinked: "l'action '%@' répond déjà à %@ ; rien à faire",
        .syncResolvedInvalid:
            "une fois résolu, %@ ne serait pas un fichier valide (%@) ; rien n'a été écrit. Modifiez-le à la main, ou prenez l'autre version",
        .syncGitAddFailed: "git add %@ a échoué : %@",
        .syncRemoteKeptMoving:
            "le dépôt distant n'a cessé de changer : %@ envois (git push) ont été refusés ; vos commits sont gardés ici, relancez 'reclam sync'",
        .syncUncommitted:
            "des fichiers du registre ont des modifications non commitées ; commitez-les (reclam commit) ou annulez-les (git restore CHEMIN) avant de synchroniser : %@",
        .submissionInvalid: "la réclamation soumise n'est pas valide : %@",
        // Failures of git itself.
        .gitCannotRun: "impossible de lancer git : %@ ; installez git",
        .gitCannotRunHistory: "impossible de lancer git : %@ ; installez git pour lire l'historique",
        .gitLogFailed: "git log a échoué : %@", .gitMergeFailed: "git merge %@ a échoué : %@",
        .gitMergeCommitFailed: "le commit de la fusion a échoué (git commit) : %@",
        .gitNoCommitAfterMerge: "aucun commit après la fusion",
        .noCaseWithID: "aucune réclamation d'identifiant %@ ; 'reclam list' liste les réclamations",
        .noActionWithID: "aucune action %@ ; 'reclam action list' liste les actions",
        .noConflictFor: "%@ n'a pas de conflit ; 'reclam conflicts' liste ceux qui restent",
        .syncHeadDetached: "HEAD est détachée ; revenez d'abord sur la branche du registre (git switch main)",
        .syncNoRemote: "aucun dépôt distant nommé '%@' ; ajoutez-en un avec : git remote add %@ URL",
        // Status lines of the commands.
        .nothingCommitted: "rien n'a changé ; rien n'a été enregistré",
        .editUnchanged: "%@ n'a pas changé ; rien n'a été enregistré",
        .editReopen: "%@ n'est pas enregistré. Rouvrir l'éditeur pour le corriger ? [O/n] ",
        .hooksInstalled: "hook installé : %@", .hooksUpdated: "hook mis à jour : %@",
        .hooksReplaced: "hook installé : %@ ; le hook précédent est conservé sous le nom %@",
        .hooksMergeDriver:
            "pilote de fusion des fichiers de réclamation et d'action enregistré (merge.reclam.driver, .git/info/attributes)",
        .hooksRemoved: "hook supprimé : %@", .hooksRestored: "hook de reclam supprimé ; %@ est rétabli sous le nom %@",
        .hooksNone: "aucun hook à l'emplacement %@ ; rien à faire",
        .auditedSince: "audit des commits postérieurs à %@", .auditedAll: "audit de tout l'historique",
        .linkedActions: "actions liées : %@",
        .syncIn: "reçu : %@ (%@)", .syncOut: "envoyé : %@ (%@)",
        .syncDone: "branche %@ synchronisée avec %@ : %@, %@",
        .syncInOne: "%@ commit reçu", .syncInMany: "%@ commits reçus", .syncOutOne: "%@ envoyé", .syncOutMany: "%@ envoyés",
        .syncTries: " (%@ essais)",
        .syncConflictsOne: "la fusion s'est arrêtée sur %@ fichier en conflit :",
        .syncConflictsMany: "la fusion s'est arrêtée sur %@ fichiers en conflit :",
        .syncConflictsHint:
            "lancez 'reclam conflicts' pour les voir, 'reclam resolve ID --take ours|theirs' pour régler chacun, "
            + "puis de nouveau 'reclam sync'",
        .mergeConflictField: "champ '%@' : chez nous '%@', chez eux '%@'",
        .mergeConflictTransition: "passage depuis '%@' : chez nous vers '%@', chez eux vers '%@'",
        .mergeConflictText: "%@ : les deux côtés ont modifié les mêmes lignes", .mergeRemoved: "(supprimé)",
        .mergePartFile: "fichier", .mergePartComments: "commentaires de l'en-tête", .mergePartBody: "texte",
        .mergeFileLeftOne: "%@ conflit laissé entre marqueurs ; lancez 'reclam conflicts'",
        .mergeFileLeftMany: "%@ conflits laissés entre marqueurs ; lancez 'reclam conflicts'",
        .resolveLeftOne: "%@ conflit restant ; utilisez --take ours|theirs ou --set CHAMP=VALEUR",
        .resolveLeftMany: "%@ conflits restants ; utilisez --take ours|theirs ou --set CHAMP=VALEUR",
        .resolvedNone: "%@ résolu ; plus aucun conflit : lancez 'reclam sync' pour enregistrer la fusion et l'envoyer",
        .resolvedSome: "%@ résolu ; %@",
        .conflictsLine: "%@  %@ : chez nous %@%@ / chez eux %@%@  [%@:%@]", .conflictsField: "champ %@",
        .conflictsTransition: "passage depuis %@", .conflictsBody: "texte", .conflictsFirstStage: "la première étape",
        .conflictsNone: "(aucune valeur)",
        .resolvedStillOne: "%@ fichier encore en conflit : reclam conflicts",
        .resolvedStillMany: "%@ fichiers encore en conflit : reclam conflicts",
        .slaNoRules: "reclam.yml n'a aucune règle de délai (section 'sla:')",
        .userPassword: "Mot de passe de %@ : ", .userNewPassword: "Nouveau mot de passe de %@ : ",
        .userAdded: "utilisateur %@ (%@) ajouté à %@", .userPasswordChanged: "mot de passe de %@ changé",
        .userRemoved: "utilisateur %@ supprimé",
    ]

    static let english: [Key: String] = [
        .trends: "Trends", .period: "Period", .value: "Value", .count: "Count", .cases: "Cases", .recurring: "Recurring",
        .noneFeminine: "None.", .rising: "rising", .noLinkedAction: "no linked action", .category: "category",
        .channel: "channel", .complainant: "complainant", .level: "level", .session: "session", .owner: "owner",
        .month: "month", .quarter: "quarter", .year: "year", .id: "Id", .learner: "Learner", .receivedOn: "Received",
        .stage: "Stage", .registerTitle: "Complaints register", .planTitle: "Improvement plan", .warningFrom: "warning from",
        .none: "(none)", .dueFrom: "%@ from %@", .dueNotCounted: "; not counted: %@",
        .dueElapsed: "%@: elapsed time, nights, weekends and daylight-saving changes included; due %@.",
        .dueBusinessHours: "%@: counted inside business hours (%@) on working days%@; due %@.",
        .dueDays: "%@: the day of the event does not count%@; due at the end of %@ %@, %@.",
        .slaMet: "met", .slaMetLate: "met-late", .slaRunning: "running", .slaAtRisk: "at-risk", .slaBreached: "breached",
        .slaPaused: "paused", .late: "late %@", .of: "%@ of %@", .slaAsOf: "SLA clocks as of %@",
        .noClock: "(no SLA clock: no case, or no rule applies)", .slaSummary: "%@: %@", .slaClocks: "SLA clocks",
        .columnCase: "CASE", .columnLearner: "LEARNER", .columnRule: "RULE", .columnState: "STATE", .columnDue: "DUE",
        .columnUsed: "USED", .columnLeft: "LEFT", .columnReceived: "RECEIVED", .columnStage: "STAGE", .columnTitle: "TITLE",
        .columnOwner: "OWNER", .columnNext: "NEXT", .columnCategory: "CATEGORY", .columnChannel: "CHANNEL",
        .columnComplainant: "COMPLAINANT",
        .noCases: "no cases", .colon: ": ", .columnCases: "CASES", .noActions: "no actions",
        .recurringAtLeast: "recurring (at least %@ cases):", .caseReceived: "case received (%@)", .actionCreated: "action created (%@)",
        .linkedTo: "linked to %@",
        .unassigned: "(unassigned)",
        .agendaNothing: "Nothing to do: no step is due.", .agendaOwner: "Owner: %@",
        .reportTitle: "Complaints report", .reportStart: "the start", .complaintsReceived: "Complaints received",
        .byStage: "By stage", .byChannel: "By channel", .byComplainant: "By complainant", .byCategory: "By category",
        .byLevel: "By level", .slaCompliance: "SLA compliance", .rule: "Rule", .rate: "Rate", .times: "Times (working days)",
        .median: "Median", .openByAge: "Open complaints by age", .byMonth: "By month", .satisfactionAtFollowUp: "Satisfaction at follow-up",
        .noFollowUp: "No follow-up recorded.", .improvementActions: "Improvement actions", .workingDays: "working days",
        .complaintsByMonth: "Complaints by month", .acknowledgement: "Acknowledgement", .response: "Response",
        .closure: "Closure", .monthHeading: "Month", .periodRange: "Period: %@ → %@",
        .learnerSheet: "Learner sheet", .training: "Training", .funder: "Funder", .complaints: "Complaints", .channelHeading: "Channel",
        .date: "Date", .by: "By", .note: "Note", .findings: "Findings", .solution: "Solution", .solutionType: "Kind of solution",
        .answeredBy: "Answered by", .satisfaction: "Satisfaction", .containment: "Containment", .rootCauses: "Root causes",
        .actionPlan: "Action plan", .rejectionReason: "Rejection reason", .reopenReason: "Reopening reason",
        .moved: "%@: %@ → %@ (%@)", .reassigned: "%@: owner %@ → %@ (%@)", .messageWritten: "message: %@", .via: "(via %@)",
        .caseAtStage: "%@ is at '%@'", .noMoveAllowed: "no move is allowed from here",
        .nextMove: "%@  (reclam move %@ %@, or reclam %@ %@)", .needs: "needs: ",
        .logByHand: "(by hand)", .logCreated: "created %@", .logMoved: "moved %@ → %@", .logDeleted: "deleted %@",
        .logStage: "stage: %@ → %@", .logBodyChanged: "body changed", .logActions: "actions: %@",
        .wouldSend: "would send %@ (%@)", .recipient: "1 recipient", .recipients: "%@ recipients", .noConflicts: "no conflicts",
        .errorCount: "%@ error", .errorsCount: "%@ errors", .warningCount: "%@ warning", .warningsCount: "%@ warnings",
        .inFile: " in %@ file", .inFiles: " in %@ files", .initialised: "Initialised a %@ ledger in %@", .fileAdded: "added",
        .holiday: "holiday", .closureDay: "closure", .slaClock: "%@ SLA clock", .slaClockCount: "%@ SLA clocks",
        .fileEdited: "edited", .noReminder: "no reminder to write", .reminderWritten: "%@: %@, %@ case(s)",
        .ownerWithoutAddress: "owner '%@' has cases to remind but no address; add {id, name, email} to 'people:' in reclam.yml",
        .ownerChange: "owner %@ → %@", .fieldsChanged: "fields: %@", .fieldRemoved: "%@ removed",
        .slaWhat: "SLA '%@' (%@ from %@)", .fromReception: "received", .fromStage: "%@",
        .slaFindingBreached: "%@ breached: due %@, %@ late",
        .slaFindingMetLate: "%@ met late: due %@, '%@' entered %@, %@ late", .slaFindingAtRisk: "%@ at risk: due %@, %@ left",
        .actionBreached: "action %@ was due %@ and is still '%@'", .actionAtRisk: "action %@ is due %@ and is still '%@'",
        .auditNoIdentity: "%@ has no usable author identity (name and email)",
        .auditDeleted: "deleted the case file; cases are closed or rejected, never deleted", .auditRewrote: "rewrote '%@' from %@ to %@",
        .auditIllegal: "moved %@ from '%@' to '%@', which the procedure does not allow (allowed: %@)", .auditNoneAllowed: "none",
        .auditMissingField: "moved %@ to '%@' without '%@', which that stage requires",
        .auditStepOrder: "step '%@' at %@ is dated before the previous step",
        .auditBackdated: "step '%@' is dated %@, %@ day(s) before the commit that records it (tolerance: audit.backdating_tolerance)",
        .auditUncommitted: "uncommitted change (%@); commit it with 'reclam commit' or git",
        .auditStepLost:
            "merge left out the step '%@' at %@%@ that %@ recorded for %@; put it back in the case's steps and commit with 'reclam commit'",
        .auditStepLostBy: " by %@",
        .auditMergedIllegal: "the merged steps of %@ go from '%@' to '%@' (at %@), which the procedure does not allow",
        .auditMergedStepOrder: "step '%@' at %@ is dated before the previous merged step",
        .auditMergedBackdated: "step '%@', added in the merge, is dated %@, %@ day(s) before it (tolerance: audit.backdating_tolerance)",
        .auditMergedMissingField: "merged %@ into '%@' without '%@', which that stage requires",
        .auditAccepted: "%@ [%@] — accepted by %@ on %@ (commit %@): %@",
        .procedureName: "procedure: %@", .columnLabel: "LABEL", .columnThen: "NEXT", .columnRequires: "REQUIRES", .initialStage: "initial",
        .terminalStage: "terminal",
        .pausesSLA: "pauses SLA", .needsAction: "needs an action or no_action_reason", .reopening: "(reopening)",
        .intakeNew: "%@: new case %@", .intakeExisting: "%@: already taken in as case %@; nothing new", .intakeRefused: "%@: refused: %@",
        .intakeWarning: "%@: warning: %@", .intakeError: "%@: error: %@",
        .intakeMovedAside: "; moved to %@, where it stays for a person to read", .intakeNoNewMessage: "no new message in %@/new",
        .intakeNewOne: "%@ new", .intakeNewMany: "%@ new", .intakeExistingOne: "%@ already taken in",
        .intakeExistingMany: "%@ already taken in", .intakeRefusedOne: "%@ refused", .intakeRefusedMany: "%@ refused",
        .intakeUnreadableOne: "%@ unreadable", .intakeUnreadableMany: "%@ unreadable",
        .intakeNoSender:
            "the message has no sender (From), so its learner cannot be found; take it in with reclam intake --learner <learner-id> %@ (its contact stays empty until set)",
        .intakeSenderListed: "the sender is listed in cases/%@/learner.md: the case goes to %@, not to --learner %@",
        .intakeSeveralLearners:
            "the sender's address %@ is listed by several learners (%@); pass --learner with one of them, or keep the address in one learner.md only",
        .intakeUnknownAddress:
            "the sender's address %@ is in no learner's 'emails:' list; add it with 'reclam learner edit LEARNER --add-email %@' (or 'reclam learner add LEARNER --email %@'), or pass --learner <learner-id>",
        .intakeNoDate: "the message has no Date header; received is set to %@, %@",
        .intakeBadDate: "the Date header '%@' cannot be read; received is set to %@, %@",
        .intakeFutureDate: "the Date header '%@' is in the future; received is set to %@, %@",
        .intakeFileTime: "the file's time", .intakeIntakeTime: "the time of intake",
        .intakeTruncated: "the text is longer than 256 KiB: the case shows its beginning, message.txt holds all of it",
        .surveySummary: "%@: %@ (%@, %@): %@ below %@ (%@, %@), %@",
        .surveyNewCase: "%@ new case", .surveyNewCases: "%@ new cases", .surveyWithoutScore: ", %@ without score",
        .surveySkipped: ", %@ skipped", .surveyNewLearner: "; new learner folder: %@", .surveyNewLearners: "; new learner folders: %@",
        .surveyTab: "tab",
        .sendSent: "sent %@ -> %@%@ [%@]", .sendEarlier: " (delivered by an earlier run)", .sendRefused: "refused %@ -> %@ [%@]",
        .sendDeferred: "deferred %@: %@", .sendInDoubt: "in doubt %@: %@", .sendSkipped: "skipped %@: %@",
        .sendNothing: "nothing to send in outbox/", .sendNotSentOne: "%@ message not sent; see above",
        .sendNotSentMany: "%@ messages not sent; see above",
        .doctorFixed: "fixed: %@", .doctorFixHint: "; 'reclam doctor --fix' repairs %@",
        .doctorUncommittedReclam: "changed but not committed: 'reclam commit %@' checks and commits it, 'git restore %@' drops the change",
        .doctorUncommittedOther: "changed but not committed: commit it with git, or drop the change with 'git restore %@'",
        .auditAcceptedOne: "accepted %@ finding of commit %@ (%@)", .auditAcceptedMany: "accepted %@ findings of commit %@ (%@)",
        .auditNoName: "no name",
        .sendNotCommitted: "not committed; commit it first (git add %@ && git commit), then run reclam send again",
        .sendDeletedInWorkTree: "deleted in the work tree but not in git; restore it (git checkout -- %@) or commit its removal",
        .sendUncommittedChanges: "has uncommitted changes; commit or discard them (git diff %@) before sending",
        .sendNoMessageID: "has no Message-ID header; add one, e.g. Message-ID: <unique@example.org>",
        .sendInDoubtAdvice:
            "%@; it may have been delivered, so it is not sent again: ask the recipient, then run 'reclam send --mark-sent %@' if it arrived or 'reclam send --retry-in-doubt %@' if not",
        .sendNoRecipient: "has no recipient (To, Cc); add the learner's address to learner.md 'emails' and write it again",
        .sendBcc: "has a Bcc header, which SMTP would show to every recipient; remove it",
        .sendNotAnAddress: "has a recipient that is not an address ('%@'); correct it", .sendNoFrom: "has no From header",
        .doctorReclamWriting: "a reclam command (%@) is writing; run 'reclam doctor' again once it is done",
        .doctorKilledWrite: "a reclam write (commit %@, of %@) was killed before it finished; --fix finishes or undoes it",
        .doctorStaleLockFound: "%@: left by a git or reclam command that did not finish; --fix removes it",
        .doctorGitBusy: "%@: a git command is using the repository",
        .doctorTemporary: "a temporary file left by a killed write; --fix removes it",
        .doctorConflict: "the file has a merge conflict; resolve it, then commit",
        .doctorIndexAndFileBehind:
            "the index and the file hold the version before the branch's last change to it (a write killed after its commit?); --fix brings both up to date",
        .doctorIndexBehind:
            "the index holds the version before the branch's last change to this file (a write killed after its commit?); a plain 'git commit' would undo that change; --fix brings the index up to date",
        .doctorFileBehind:
            "the file holds the version before the branch's last change to it (a write killed after its commit?); --fix brings it up to date",
        .doctorRemoved: "removed %@", .doctorUpToDate: "brought %@ up to date with the branch (%@)",
        .doctorIndexAndWorkTree: "index and work tree", .doctorIndexOnly: "index",
        .checkMissingField: "missing required field '%@'; add '%@: …' to the front-matter",
        .checkNotDate: "'%@' is not a valid date; write YYYY-MM-DD, e.g. 2026-10-05",
        .checkNotDateTime: "'%@' is not a valid date-time; write it in ISO 8601 with an offset, e.g. 2026-10-05T09:12:00+02:00",
        .checkNotNumber: "'%@' is not a number; write e.g. 4 or 5.5", .checkNotOneOf: "'%@' is not one of: %@",
        .checkDidYouMean: "; did you mean '%@'?", .checkUnknownField: "unknown field '%@'",
        .checkAddToRequires: "; add it to a stage's 'requires' in reclam.yml if the procedure needs it",
        .checkStageRequires: "stage '%@' requires field '%@' (%@); add it to the front-matter",
        .surveyFieldCount: "%@ fields where the header has %@; a value holding the separator '%@' must be quoted",
        .surveyBadScore: "score '%@' is not a number; write e.g. 4 or 5,5",
        .surveyOutsideScale: "score %@ is outside the scale 0–%@ (--scale)", .surveyEmptyDate: "the date is empty",
        .surveyBadDate: "date '%@' is not a date since 1970 in ASCII digits; write 2026-11-10, 10/11/2026 or 10/11/2026 14:03",
        .surveyFutureDate: "date '%@' is in the future", .surveyRowSkipped: "skipped: %@",
        .severityError: "error", .severityWarning: "warning", .severityNote: "note",
        .surveyResponseOne: "%@ response", .surveyResponseMany: "%@ responses", .surveyExistingOne: "%@ already taken in",
        .surveyExistingMany: "%@ already taken in", .surveyAtOrAboveOne: "%@ at or above", .surveyAtOrAboveMany: "%@ at or above",
        .surveyNotCSV: "%@ cannot be read as CSV; nothing was imported",
        .surveyComplaintRowOne:
            "%@ row below the threshold in %@ cannot be taken in (line %@): nothing was imported; a complaint is never left out, even with --skip-bad-rows. Fix it",
        .surveyComplaintRowMany:
            "%@ rows below the threshold in %@ cannot be taken in (lines %@): nothing was imported; a complaint is never left out, even with --skip-bad-rows. Fix them",
        .surveyUnknownRespondentHint: ", or pass --unknown-learner create to make a learner folder for an unknown respondent",
        .surveyBadRowOne: "%@ bad row in %@: nothing was imported; fix it or pass --skip-bad-rows to import the other rows",
        .surveyBadRowMany: "%@ bad rows in %@: nothing was imported; fix them or pass --skip-bad-rows to import the other rows",
        .surveyNoColumn: "no %@ column found in the header (%@); name it with --columns %@=<header>",
        .surveyNoSuchColumn: "--columns: no column '%@' for %@; the header has: %@", .surveyEmptyLearner: "the learner is empty",
        .surveyUnknownAddress:
            "the address %@ is in no learner's 'emails:' list; add it to cases/<learner>/learner.md, or pass --unknown-learner create",
        .surveySeveralLearners: "the address %@ is listed by several learners: %@", .surveyBadLearner: "learner: %@",
        .csvBadUTF8: "the file starts with a UTF-8 byte-order mark but is not valid UTF-8",
        .csvBadUTF16: "the file starts with a UTF-16 byte-order mark but is not valid UTF-16",
        .csvNulBytes: "the file contains NUL bytes: it is not a CSV text file", .csvEmpty: "the file has no header line and no rows",
        .csvTextAfterQuote: "text after the closing quote of a field; double a quote inside a quoted field (\"\")",
        .csvUnclosedQuote: "a quoted field that starts on this line is never closed",
        .lockHolder: "process %@, for %@ s", .lockHolderPid: "process %@", .lockHolderUnknown: "a process",
        .lockReclamBusy: "another reclam command%@ is still writing to this ledger (waited %@); try again",
        .lockFile: "%@ (%@ old, %@)", .lockHeldBy: "held by %@", .lockWhileGitRuns: "while %@ runs in this repository",
        .lockOwnerUnknown: "its owner cannot be told on this system", .lockNoProcess: "no process has it open", .lockDays: "%@ days",
        .lockStale:
            "%@: it was left by a git or reclam command that did not finish; %@. If no git command is running, remove it with 'reclam doctor --fix' and re-run the command",
        .lockGitBusy: "%@: a git command is using the repository; %@. Wait for it to finish and re-run the command",
        .lockNothingChanged: "nothing was changed", .lockNothingCommitted: "nothing was committed",
        .lockWriteUnfinished: "the interrupted write is not finished yet",
        .checkIDMismatch: "id '%@' does not match the file name '%@.md'; rename the file or fix the id",
        .checkFileName: "file name '%@.md': %@",
        .checkLearnerMismatch: "learner '%@' does not match the folder 'cases/%@/'; move the file or fix the learner",
        .checkReceivedFuture: "received %@ is in the future",
        .checkUnknownStepField: "unknown step field '%@'; a step has stage, at, by, note, via", .checkStepBy: "step by: %@",
        .checkStepStage: "step stage '%@' is not a stage of the procedure",
        .checkStepAt: "step needs 'at', a date-time in ISO 8601 with an offset, e.g. 2026-10-05T11:02:00+02:00",
        .checkStepOrder: "step at %@ is earlier than the previous event (%@); steps are recorded in time order",
        .checkStepFuture: "step at %@ is in the future",
        .checkStageMismatch:
            "the last step records stage '%@' but the case is at '%@': the stage changed without its step; set 'stage: %@' back and make the move with 'reclam move %@ %@'",
        .checkLearnerNoID: "missing required field 'id' (the learner's pseudonymous id, equal to the folder name)",
        .checkLearnerIDMismatch: "learner id '%@' does not match the folder '%@'", .checkUnknownLearnerField: "unknown learner field '%@'",
        .checkUnknownActionField: "unknown action field '%@'", .checkActionIDMismatch: "id '%@' does not match the file name '%@.md'",
        .checkUnknownCase: "links to unknown case '%@'", .checkTemplateName: "template name: %@",
        .checkLearnerFolderName: "learner folder name: %@", .checkActionOverdue: "due %@ and still '%@'",
        .checkActionReview:
            "done since %@ with no effectiveness review (delay: %@ days); run 'reclam action move %@ effectiveness-checked --set verdict=… --set evidence=…'",
        .checkCaseActionMissing: "stage '%@' calls for a linked improvement action or a 'no_action_reason'",
        .problemNotSingle: "expected a %@, found %@", .problemEmpty: "is empty",
        .problemOnePerson: "expected one person's name or handle on one line (at most 100 characters)",
        .problemNotOneValue: "expected one of %@, found %@", .problemCaseList: "expected a list of case ids, e.g. [20261005-k7p3]",
        .problemList: "expected a list, e.g. [attestation, délai]", .problemWords: "expected a list of words",
        .problemMappings: "expected a list of mappings", .problemEmptyID: "id is empty",
        .problemLongID: "id '%@…' is longer than %@ characters",
        .problemReservedID:
            "'%@' is a device name on Windows (CON, PRN, AUX, NUL, COM0–COM9, LPT0–LPT9), where a ledger may be cloned; choose another id",
        .problemBadID: "'%@' is not a valid id: use lowercase letters, digits and hyphens, starting with a letter or a digit",
        .problemControl: "holds a line break, tab or control character (%@ at character %@); write it on one line",
        .problemKindList: "a list", .problemKindMapping: "a mapping", .problemKindText: "a text",
        .refuseMoveErrors: "case %@ has errors; fix them before moving it (reclam check %@)",
        .refuseSetErrors: "case %@ has errors; fix them first (reclam check %@)",
        .refuseActionErrors: "action %@ has errors; fix them first",
        .refuseHandEditOne: "nothing committed: a file has errors; the edits stay in the files, uncommitted",
        .refuseHandEditMany: "nothing committed: %@ files have errors; the edits stay in the files, uncommitted",
        .moveOneOf: " (one of: %@)", .moveLacksField: "stage %@ requires a field that %@ lacks:",
        .moveLacksFields: "stage %@ requires fields that %@ lacks:", .moveNoneAllowed: "none (the case is at a final stage)",
        .moveNotAllowed: "%@ cannot move from %@ to %@: the procedure does not allow it; allowed from %@: %@",
        .moveVerbNotAllowed: "%@ cannot '%@' at stage %@; allowed from %@: %@",
        .mailTooLarge: "the message is %@ bytes, over the limit of %@ bytes (--max-size)",
        .mailEmpty: "the file is empty: there is no message in it", .mailNoMemory: "cannot read the message into memory",
        .mailNoParser: "cannot start the MIME parser", .mailNotAMessage: "this is not an email message: no header could be read",
        .mailNoMessageHeaders:
            "this is not an email message: it has none of the headers of a message (From, To, Subject, Date, Message-ID…)",
        .mailMIMEBomb: "MIME parts are nested too deeply for the parser (a MIME bomb)",
        .mailTooManyParts: "the message has more than %@ MIME parts (--max-parts)",
        .mailTooDeep: "MIME parts are nested more than %@ levels deep (--max-depth)", .mailDuplicatedHeader: "duplicated header%@",
        .mailDuplicatedParameter: "duplicated header parameter%@", .mailInvalidContentType: "invalid Content-Type%@",
        .mailInvalidEncodedWords: "invalid encoded words (RFC 2047) in a header%@", .mailInvalidParameter: "invalid header parameter%@",
        .mailInvalidAddressList: "invalid address list%@", .mailNotAHeader: "a header line that is not a header was ignored%@",
        .mailConflictingHeaders: "conflicting%@ headers: mail programs may show either",
        .mailConflictingParameters: "conflicting header parameters%@: mail programs may read either",
        .mailNoParts: "a multipart section has no parts: its text before the first boundary was read as the text",
        .mailTruncated: "the message is truncated: a MIME part or the closing boundary of a multipart is missing",
        .mailMalformed: "the message is malformed", .mailNoBoundary: "a multipart section has no boundary",
        .mailPartWithoutContent: "a MIME part has headers but no content",
        .mailPartWithoutHeadersOrContent: "a MIME part has neither headers nor content",
        .mailUndecodedSubject: "the subject holds encoded words (RFC 2047) that cannot be decoded; they are kept as written",
        .mailNoSender: "the message has no sender: its From header is missing or holds no address",
        .mailUnknownEncoding: "unknown Content-Transfer-Encoding '%@': the content was read as it is",
        .mailNotUTF8: "the text is declared UTF-8 but is not; it was read as Windows-1252",
        .mailUndecodableCharset: "the text is declared '%@', which could not read it; it was read as %@",
        .deliveryOutOfMemory: "out of memory", .deliveryNoAnswer: "the whole message was sent but the server gave no answer (%@)",
        .deliveryAnsweredAfterData: "the whole message was sent but the server answered %@ (%@)",
        .deliveryAnswered: "the server answered %@",
        .deliveryCannotConnect: "cannot connect to %@: %@",
        .deliveryTimeout: "the server at %@ did not answer within mail.timeout (%@ s): %@",
        .deliveryLoginUser: "the server refused the login of mail.user (%@); check the password",
        .deliveryNoSTARTTLS: "the server does not offer STARTTLS (%@); set security: tls (port 465) if it expects TLS at once",
        .deliveryTLS: "TLS with %@ failed: %@; the server's certificate must be valid for the host name",
        .deliverySender: "the server refused the sender %@: %@; check mail.from",
        .deliveryLogin: "the server refused the login (%@); check mail.user and the password",
        .deliveryAnsweredTo: "the server answered %@ to %@",
        .deliveryGreeting: "the greeting", .deliveryOther: "%@ (last answer: %@)", .deliverySendmailEmpty: "mail.sendmail is empty",
        .deliveryCannotRun: "cannot run %@: %@", .deliveryRecordNotWritten: "the delivery record could not be written",
        .deliveryKilledTimeout: "%@ did not finish within mail.timeout (%@ s) and was killed",
        .deliveryMayHaveLeft: "; the message may have left",
        .deliveryKilledSignal: "%@ was killed by signal %@", .deliveryKilled: "%@ was killed", .deliveryExited: "%@ exited %@",
        .deliveryHandedOver: "the whole message was handed to %@ but the run stopped before its answer",
        .sendUnreadableRecord: "unreadable delivery record %@ ignored; remove it once checked",
        .sendLogCutShort: "the last line of %@ was cut short (a run stopped while writing it); ignored, kept in %@.unreadable",
        .sendLogDamaged: "line %@ of %@ is damaged; ignored, kept in %@.unreadable",
        .sendDeliveredGone: "%@ was delivered but is no longer in outbox/; its delivery record is dropped",
        .sendOtherMessage: "the delivery record of %@ names another message (%@); dropped",
        .sendNoJournalLines: "the cases' journal lines were not added: %@", .sendNoMessageOfCase: "no message of case %@ in outbox/",
        .sendLockBusy: "another 'reclam send' is running on this ledger (%@); try again when it has finished",
        .recoveryRemovedObjects: "removed %@ temporary object file(s) a killed write had left",
        .recoveryFinished: "finished an interrupted write (%@): %@", .recoveryUndid: "undid an interrupted write (%@): %@",
        .recoveryBroughtToBranch: "brought to the branch's version the files of an interrupted write (%@): %@",
        .recoveryCommit: "commit %@", .recoveryCommitNeverMade: "commit %@, never made", .recoveryNoFile: "no file needed it",
        .recoveryOneFile: "1 file brought up to date", .recoveryFiles: "%@ files brought up to date",
        .recoveryNotInBranch: "%@: not a file in the branch; left as it is",
        .recoveryNotRegular: "%@: not a regular file in the work tree; left as it is",
        .recoveryOtherChanges: "%@: the work tree holds other changes (made since?); left as they are",
        .recoveryOtherIndex: "%@: the index holds another version (staged since?); left as it is",
        .fileSizeOver: "file is %@ bytes, over the limit of %@ bytes (1 MiB); move attachments out of the case file",
        .fileNUL: "file contains NUL bytes (binary data); a case file must be UTF-8 text",
        .fileNotUTF8: "file is not valid UTF-8; re-save it as UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8)",
        .fileSymlink: "symbolic links are not followed in a ledger; replace the link with the file itself",
        .fileCannotRead: "cannot read file: %@", .fileCannotList: "cannot list folder: %@",
        .fileDirectlyUnderCases: "file directly under cases/; a case belongs in its learner's folder: cases/<learner-id>/<case-id>.md",
        .fileFolderTooDeep:
            "folder too deep: a learner folder holds case files and, for each case, a folder of attachments named after it",
        .fileNotCase: "not a case file: case files end in .md; attachments go in a folder named after their case",
        .fileNotAction: "not an action file: actions are actions/<id>.md", .fileConflict: "unresolved merge: conflict markers; %@",
        .fileConflictResolve:
            "run 'reclam conflicts' to see both versions, then 'reclam resolve %@ --take ours' (or theirs, or --set FIELD=VALUE)",
        .fileConflictEdit: "run 'reclam conflicts' to see both versions, then edit the file to keep one",
        .frontMatterMissing: "no front-matter: the file must start with a line '---', then YAML fields, then a line '---'",
        .frontMatterUnclosed: "front-matter opened on line %@ is never closed; add a line '---' after the last field",
        .frontMatterNotMapping: "front-matter must be a list of 'field: value' lines",
        .yamlNoParser: "could not start the YAML parser",
        .yamlSeveralDocuments: "only one YAML document is allowed here; remove the extra '---' or '...' line",
        .yamlAlias: "YAML aliases ('*name') are not allowed; write the value out in full",
        .yamlDepth: "YAML nested deeper than %@ levels; flatten the structure",
        .yamlComplexKey: "a mapping key must be plain text, not a list or a mapping",
        .yamlDuplicateKey: "duplicate key '%@' (first set on line %@); keep only one",
        .yamlAnchor: "YAML anchors ('&%@') are not allowed; write each value out in full",
        .yamlTag: "YAML tags ('%@') are not allowed; quote the value instead", .yamlSyntax: "%@",
        .yamlSyntaxContext: "%@ (%@ at line %@)", .yamlQuoteColon: "; quote a value that contains ': '",
        .yamlKeyValue: "; write each field as 'key: value' on one line, with a key of at most 1024 characters",
        .yamlQuoteStart: "; quote a value that starts with '@', '`' or a tab",
        .instantMalformed:
            "%@ '%@' is not a date-time: write 2026-10-05 09:12 or 2026-10-05 (in the ledger's time zone, %@), "
            + "or ISO 8601 with an offset, 2026-10-05T09:12:00+02:00",
        .instantNonexistent:
            "%@ '%@' does not exist in %@: the clocks jump from %@ to %@ over it; write the time with its offset, e.g. %@ or %@",
        .instantAmbiguous: "%@ '%@' happens twice in %@, at %@ and at %@; write the time with its offset, e.g. %@ or %@",
        .atFuture: "--at %@ is in the future",
        .atBeforePrevious: "--at %@ is earlier than the previous step (%@); steps are recorded in time order",
        .clockBehind: "the clock (%@) is earlier than the last step; check the clock or RECLAM_NOW",
        .unreadableLeftOut: "%@ file(s) could not be read and are left out: %@; run 'reclam check'",
        .intakeMaxSize: "the message is %@ bytes, over the limit of %@ bytes (--max-size %@); nothing was written",
        .intakeCannotRead: "cannot read the file: %@",
        .configMapping: "reclam.yml must be a mapping of settings (organisation, language, timezone, procedure…)",
        .configUnknownSetting: "unknown setting '%@'", .configLanguage: "language must be 'fr' or 'en'",
        .configTimezone: "timezone '%@' is not an IANA time zone; write e.g. Europe/Paris",
        .configNoProcedure: "reclam.yml has no 'procedure' section; add 'procedure: training' or 'procedure: network', or a full procedure",
        .nodeMissing: "missing '%@'", .nodeNotText: "'%@' must be text, not a %@", .nodeNotBool: "'%@' must be true or false",
        .nodeNotWords: "'%@' must be a word or a list of words",
        .templateNoSubject: "a letter template needs 'subject: …' in its front-matter",
        .templateUnknownVariable: "unknown variable '%@'", .templateMustache: "mustache syntax error: %@",
        .mustacheUnclosedSection: "a section opened with {{#name}} or {{^name}} is never closed with {{/name}}",
        .mustacheWrongClose: "{{/name}} closes a section that was not opened with that name",
        .mustacheUnfinished: "a tag is not closed with }}", .mustacheDelimiter: "a {{=<% %>=}} delimiter change is badly written",
        .templateRefused: "template %@ is invalid",
        // reclam.yml: procedure, SLA rules, calendar, actions.
        .procUnknownPreset: "unknown procedure preset '%@'; use training, network, or write the procedure out",
        .procNotMapping: "'procedure' must be a preset name or a mapping with stages and transitions",
        .procNoStages: "the procedure needs a non-empty 'stages' list",
        .procStageNotMapping: "each stage must be a mapping with at least 'id'", .procStageID: "stage %@",
        .procStageTwice: "stage '%@' is defined twice (first on line %@)", .procLabels: "'labels' must map languages to labels, e.g. %@",
        .procTransitionFields: "each transition needs 'from', 'to' and 'verb'",
        .procRequirementNotMapping: "each required field must be a mapping like {field: owner, type: person}",
        .procRequirementNoType: "required field '%@' has no type; add type: text, date, datetime, person, enum, number or case-list",
        .procUnknownFieldType: "unknown field type '%@'", .procEnumNoValues: "enum field '%@' needs its 'values'",
        .procUnknownStage: "transition names unknown stage '%@'",
        .procTerminalExit:
            "terminal stage '%@' has an outgoing transition to '%@'; only a transition marked 'reopen: true' may leave a terminal stage",
        .procVerbClash: "verb '%@' is the name of a reclam command, so 'reclam %@ ID' could not run it; choose another verb",
        .procSeveralInitial: "more than one stage is marked initial: %@",
        .procUnreachable: "no transition reaches stage '%@'; add one or remove the stage",
        .procNoTerminal: "no stage is terminal: cases can never be closed",
        .slaNotList: "'sla' must be a list of rules, each with name, start, stop, duration and optional warn",
        .slaRuleNotMapping: "each SLA rule must be a mapping like {name: answer, start: received, stop: responded, duration: 48 hours}",
        .slaUnknownSetting: "unknown SLA rule setting '%@'", .slaNotStage: "%@ '%@' is not a stage of the procedure",
        .slaNoName: "SLA rule without a name; add name: …, e.g. name: answer (a word used by 'reclam sla --rule')",
        .slaBadStart: "start must be 'received' or a stage id",
        .slaBadStop: "stop must be a stage id or a list of stage ids, e.g. stop: responded",
        .slaStopIsStart: "stop '%@' is also the start: the clock would stop as soon as it starts",
        .slaNoStop: "SLA rule '%@' has no stop; add the stage that meets it, e.g. stop: responded",
        .slaNotDuration:
            "%@ %@ is not a duration; write a whole number and a unit, e.g. 48 hours, "
            + "8 business hours, 1 working day, 10 jours ouvrés, 2 jours ouvrables, 30 days",
        .slaNoDuration: "SLA rule '%@' has no duration; add e.g. duration: 48 hours or duration: 10 jours ouvrés",
        .slaNotThreshold:
            "%@ %@ is not a threshold; write a share of the time such as 75%, "
            + "or a duration before the deadline such as 1 working day before or 2 jours ouvrés avant",
        .slaWarnTooLong: "warn '%@' is not shorter than the duration (%@): the clock is at risk as soon as it starts",
        .slaWhenNotValues: "when.%@ must be a value or a list of values", .slaWhenNotField: "when: '%@' is not a field of a case",
        .slaWhenNotOneOf: "when.%@: '%@' is not one of %@",
        .slaWhenNotMapping: "when must be a mapping of case fields to values, e.g. when: {kind: complaint}",
        .slaSinceNotDate: "since %@ is not a date; write the first day the rule applies to, as YYYY-MM-DD",
        .slaTwiceSince: "SLA rule '%@' is defined twice since %@%@; give the new version the day it takes effect with since: YYYY-MM-DD",
        .slaTwiceWithoutSince:
            "SLA rule '%@' is defined twice without 'since'%@; give the new version the day it takes effect with since: YYYY-MM-DD",
        .slaFirstLine: " (line %@)",
        .calNotMapping: "'calendar' must be a mapping with region, working_days, business_hours and closures, not %@",
        .calUnknownSetting: "unknown calendar setting '%@'", .calRegion: "calendar.region %@ is not a known region; write one of %@",
        .calDidYouMean: " (did you mean '%@'?)",
        .calBusinessHours:
            "calendar.business_hours %@ is not an opening and a closing time; write HH:MM-HH:MM with the opening first, e.g. \"09:00-17:00\"",
        .calClosuresNotList: "calendar.closures must be a list of {date: YYYY-MM-DD, name: …} or {from: …, to: …, name: …}",
        .calWorkingDaysNotList: "calendar.working_days must be a list of days, e.g. [mon, tue, wed, thu, fri]",
        .calNotDay: "%@ is not a day of the week; write mon, tue, wed, thu, fri, sat, sun (or lun, mar, mer, jeu, ven, sam, dim)",
        .calNoWorkingDay: "calendar.working_days is empty: at least one working day is needed to compute deadlines",
        .calClosureNotMapping: "each closure must be a mapping like {date: 2026-05-15, name: Pont de l'Ascension}",
        .calClosureUnknown: "unknown closure setting '%@'", .calClosureHas: "; a closure has date, or from and to, and name",
        .calClosureNotDate: "closure %@ %@ is not a date; write a real day as YYYY-MM-DD",
        .calClosureNoName: "closure without a name; add name: …, shown when a deadline skips the day",
        .calClosureBoth: "a closure has either date or from and to, not both",
        .calClosureNoDate: "closure without a date; add date: YYYY-MM-DD, or from: and to: for several days",
        .calClosureRange: "a closure over several days needs both from and to (the last closed day)",
        .calClosureBackwards: "closure '%@' ends (%@) before it starts (%@)",
        .actionsReviewDelay: "actions.review_delay must be a number of days, e.g. '30 calendar days'",
        // reclam.yml: mail, serve, trusted users, sites.
        .mailSettingsMapping: "'mail' must be a mapping of settings (from, transport, host, port, security, user)",
        .mailSettingsPassword:
            "never write the SMTP password in reclam.yml (it is committed): remove it, then set %@ "
            + "or 'password_file: /etc/reclam/smtp-password' (a file outside the repository)",
        .mailSettingsUnknown: "unknown mail setting '%@'",
        .mailSettingsFrom: "from '%@' is not an address; write e.g. \"Organisme Exemple <reclamations@example.org>\"",
        .mailSettingsTransport: "transport '%@' is not one of smtp, sendmail",
        .mailSettingsSecurity: "security '%@' is not one of starttls, tls, none",
        .mailSettingsPort: "port '%@' is not a port number (1 to 65535), e.g. 587",
        .mailSettingsTimeout: "timeout '%@' must be a number of seconds from 1 to 600",
        .mailSettingsPasswordFile: "password_file '%@' must be an absolute path outside the repository, e.g. /etc/reclam/smtp-password",
        .mailSettingsSendmail: "'sendmail' must be a command, e.g. /usr/bin/msmtp -t",
        .mailSettingsSendmailPath: "'sendmail' must start with the command's absolute path, e.g. /usr/sbin/sendmail -t -i",
        .mailSettingsNoHost: "transport smtp needs 'host' (the SMTP server, e.g. smtp.example.org)",
        .mailSettingsSecurityNone:
            "security: none sends mail and passwords unencrypted; it is allowed only for a server on this machine "
            + "(localhost, 127.0.0.1); use starttls (port 587) or tls (port 465)",
        .mailSettingsHost: "host '%@' must be a host name or address, without scheme or path",
        .mailSettingsNoUser: "password_file is set without 'user': no password is sent",
        .mailSettingsIgnored: "'%@' is ignored with transport: sendmail (the command has its own settings)",
        .peopleList: "'people' must be a list of {id, name, email}",
        .personMapping: "each person is a mapping {id: claire, name: Claire Martin, email: claire@example.org}",
        .personUnknown: "unknown person setting '%@' (id, name, email)", .personID: "person id: %@",
        .personEmail: "email '%@' is not an address like claire@example.org", .personTwice: "person '%@' is listed twice (line %@)",
        .serveMapping: "'serve' must be a mapping of settings (actor, privacy_url, rate_limit…)",
        .serveUnknown: "unknown setting 'serve.%@'", .serveListen: "serve.listen '%@' is not ADDRESS:PORT, e.g. 127.0.0.1:8080",
        .serveWebAddress: "serve.%@ '%@' is not an http:// or https:// address",
        .serveActor: "serve.actor '%@' is not of the form \"Name <email>\"",
        .serveRateLimit: "serve.rate_limit '%@' must be a count per period: 5/hour, 20/day, 2/minute",
        .serveMaxUpload: "serve.max_upload '%@' must be a size up to 100 MiB, e.g. 10 MiB or 500 KiB",
        .serveDeadlineRule: "serve.deadline_rule '%@' is not an SLA rule of this ledger", .serveNoRules: " (it has none)",
        .serveRules: "; rules: %@", .serveUnknownText: "unknown text 'serve.texts.%@'", .serveText: "serve.texts.%@ must be text",
        .serveTexts: "serve.texts must map text keys to texts, e.g. {form_intro: …}",
        .serveStaffPrefix: "serve.staff_prefix '%@' must be a path such as /equipe (letters, digits, - and _)",
        .serveUsersFile: "serve.users_file '%@' must be a path inside the ledger, e.g. users.yml",
        .serveNumber: "serve.%@ must be a number from %@ to %@", .serveMinutes: "serve.%@ must be a number of minutes from %@ to %@",
        .serveHeaderName: "serve.trusted_user_header '%@' must be a header name such as X-Remote-User",
        .serveHeaderStandard:
            "serve.trusted_user_header '%@' is a standard header; choose one of the proxy's own, such as X-Remote-User",
        .serveProxyAddress: "serve.trusted_proxies: '%@' is not an IP address such as 10.0.0.5 or fd00::5",
        .serveProxiesAlone: "serve.trusted_proxies has no effect without serve.trusted_user_header: set both, or neither",
        .sitesList: "sites: must be a list of {code, name, region}", .siteMapping: "a site is a mapping {code, name, region}",
        .siteCode: "site code: %@",
        .siteNameRegion: "site '%@' needs a name and a region, e.g. {code: %@, name: %@, region: %@}",
        .siteTwice: "site code '%@' is listed twice",
        .mailSettingsRefused: "the mail: section of reclam.yml is invalid; correct it (reclam check shows the same findings)",
        .serveRefused: "the serve section of reclam.yml is invalid; fix it (reclam check)",
        // Refusals of the workflow commands.
        .auditNotInBranch: "commit %@ is not in the branch's history; only the branch's commits are audited",
        .auditNothingToAccept: "commit %@ has no audit finding; there is nothing to accept",
        .auditAlreadyAccepted: "commit %@ was already accepted by %@ on %@ (commit %@)",
        .caseChangedSinceForm: "%@ changed since the form was made from it; reload the case",
        .cannotEdit: "cannot edit %@: %@",
        .sectionsUnchanged: "%@: nothing changes (the sections already have these texts)",
        .fieldsUnchanged: "%@: nothing changes (the fields already have these values)",
        .notGitRepositoryInit: "%@ is not a git repository (%@); run 'git init' there or 'reclam init'",
        .notGitRepositoryFirst: "%@ is not a git repository (%@); run 'git init' there first",
        .notGitRepository: "%@ is not a git repository (%@)",
        .cannotExamineRepository: "cannot examine the repository: %@",
        .cannotReadGitStatus: "cannot read git status: %@", .cannotReadBranch: "cannot read the branch: %@",
        .cannotReadFromBranch: "cannot read %@ from the branch: %@",
        .cannotReadGitStatusOf: "cannot read git status of %@: %@",
        .mergeConflictResolveFirst: "%@ has a merge conflict; resolve it first",
        .stagedDiffers:
            "%@ has staged changes that differ from the file; run 'git add %@' to commit the file as it is, "
            + "or 'git restore --staged %@', then re-run",
        .noWorkTree: "the repository has no work tree",
        .cannotAddStep: "cannot add the step and journal line to the files: %@",
        .restoreAlsoFailed: "; restoring your edits also failed: ",
        .cannotCommitFile: "cannot commit: %@",
        .cannotReadHooksPath: "cannot read core.hooksPath: %@", .cannotCreate: "cannot create %@: %@",
        .hookNotOurs:
            "%@ already exists and was not written by reclam; it is kept. Call 'reclam check --staged' from it, "
            + "or run 'reclam hooks install --force' to replace it (it is then kept as %@)",
        .hookBackupExists: "%@ already exists (an earlier backup); move it away first, nothing was changed",
        .hookCannotKeep: "cannot keep the existing hook as %@: %@",
        .cannotWrite: "cannot write %@: %@",
        .hookNotInstalledByReclam: "%@ was not installed by reclam; it is left as it is",
        .cannotRemove: "cannot remove %@: %@",
        .hookCannotRestore: "removed the reclam hook, but cannot restore %@: %@",
        .initAlreadyLedger: "%@ already exists: this is already a ledger; nothing was changed",
        .cannotCreateRepository: "cannot create a git repository in %@: %@",
        .finishInterruptedWrite: "finish an interrupted write: %@",
        .learnerExists: "learner %@ already exists (%@); change it with 'reclam learner edit %@ --add-email …'",
        .learnerNoFile: "learner %@ has no file (%@); create it with 'reclam learner add %@ --email …'",
        .fileUnreadableFixFirst: "%@ cannot be read; fix it first",
        .learnerNoAddress: "learner %@ has no address %@; its addresses: %@",
        .learnerUnchanged: "learner %@: nothing changes",
        .procedureNoStages: "the procedure has no stages",
        .newCaseUnparsable: "the new case would not parse: %@",
        .caseExists: "case %@ already exists at %@",
        .outboxNoAddress: "%@: no address to send the %@ email to (no 'emails' in learner.md, no contact, no sender); %@",
        .outboxAddLearnerAddress: "add the learner's address with 'reclam learner edit %@ --add-email ADDRESS'",
        .outboxOrAckOtherWay: ", or record an acknowledgement made another way with 'reclam ack %@ --by letter|phone|in-person --note …'",
        .contactEmpty:
            "case %@ has no contact: the email it came from had no sender, so there is nobody to send the "
            + "acknowledgement to; set the address as you acknowledge: %@",
        .contactNotAddress: "case %@: contact '%@' is not an email address; set one: %@",
        .addressPlaceholder: "ADDRESS",
        .cannotReadAfterMove: "cannot read %@ after the move: %@",
        .cannotReadStaged: "cannot read the staged files: %@",
        .cannotReadStagedFile: "cannot read the staged %@: %@",
        .cannotRead: "cannot read %@: %@",
        .calendarErrors: "reclam.yml has errors in its time zone or calendar; fix them first",
        .editNotRegular: "%@ %@; reclam edit opens only regular files inside the ledger",
        .editEditsStay: "your edits stay in %@, uncommitted; fix them and run 'reclam commit %@', or drop them with 'git restore %@'",
        .editCannotRunShell: "cannot run /bin/sh for the editor: %@",
        .editEditorFailed:
            "the editor (%@) exited with status %@; nothing committed, and the file is as the editor left it; "
            + "set VISUAL or EDITOR, e.g. EDITOR=nano",
        .reportDeadlineSettings: "the calendar or SLA settings in reclam.yml are invalid; deadlines would be wrong",
        .serverStopped: "the server stopped: %@",
        .userExists: "user '%@' exists already; reclam user passwd %@ changes the password",
        .noUser: "no user '%@' in %@", .userAddHint: "reclam user add %@ … adds one", .semicolonSeparator: "; ",
        // Refusals of mail, intake, sync, audit and the ledger.
        .ledgerInvalid: "%@ is invalid; fix it first",
        .ledgerDeadlineErrors: "reclam.yml has errors in its time zone, calendar or SLA rules; fix them first",
        .ledgerIDSeveralFiles: "id %@ is used by several files: %@; run 'reclam check'",
        .ledgerCaseUnreadable: "case %@ cannot be read; fix it first",
        .ledgerActionUnreadable: "action %@ cannot be read; fix it first",
        .ledgerUnusable: "%@ cannot be used",
        .ledgerNotGit: "%@ is not a git repository: %@",
        .ioCannotList: "cannot list %@: %@",
        .ioCannotReadBare: "cannot read %@",
        .ioCannotWriteBare: "cannot write %@",
        .ioCannotOpen: "cannot open %@: %@",
        .ioCannotSync: "cannot sync %@: %@",
        .ioCannotRename: "cannot rename %@: %@",
        .ioCannotReplace: "cannot replace %@: %@",
        .mailPasswordFileUnreadable: "cannot read mail.password_file %@: %@",
        .mailCurlInit: "libcurl could not be initialised",
        .mailCurlSettings: "libcurl refused settings (%@); is libcurl built with SMTP and TLS?",
        .sendCannotReadBranch: "cannot read the branch: %@",
        .sendBranchNoCommit: "the branch has no commit",
        .sendNothingToRecord: "nothing to record: the delivered messages are no longer in outbox/",
        .sendJournalUnreadable: "cannot read %@: %@; move it aside once checked (docs/MAIL.md)",
        .maildirMoveRefused: "cannot move %@ to %@/: %@",
        .maildirAlreadyThere: "%@ already exists; %@ stays in new/",
        .staffNotYAML: "%@: not valid YAML: %@",
        .staffNoUsers: "%@:%@: expected 'users:' followed by a list of users",
        .staffUserFields:
            "%@:%@: a user needs id, name, email, role (staff or reviewer) and password; fix it with reclam user add or remove",
        .staffCaseChanged: "the case changed while the form was open",
        .mergeDriverConfig: "cannot set merge.reclam.driver in the repository's configuration: %@",
        .mergeWriteMerged: "cannot write the merged file %@: %@",
        .actionNoStages: "the actions' procedure has no stages",
        .actionAlreadyLinked: "action %@ already answers %@; nothing to do",
        .syncResolvedInvalid:
            "the resolved %@ would not be a valid file (%@); nothing was written. Edit it by hand, or take the other side",
        .syncGitAddFailed: "git add %@ failed: %@",
        .syncRemoteKeptMoving:
            "the remote kept moving: %@ pushes were refused; your commits are kept here, run 'reclam sync' again",
        .syncUncommitted:
            "uncommitted edits to ledger files; commit them (reclam commit) or discard them (git restore PATH) before syncing: %@",
        .submissionInvalid: "the submission is not valid: %@",
        // Failures of git itself.
        .gitCannotRun: "cannot run git: %@; install git",
        .gitCannotRunHistory: "cannot run git: %@; install git to read the history",
        .gitLogFailed: "git log failed: %@", .gitMergeFailed: "git merge %@ failed: %@",
        .gitMergeCommitFailed: "git commit of the merge failed: %@", .gitNoCommitAfterMerge: "no commit after the merge",
        .noCaseWithID: "no case with id %@; 'reclam list' shows the cases",
        .noActionWithID: "no action %@; 'reclam action list' shows them",
        .noConflictFor: "%@ has no conflict; 'reclam conflicts' lists those left",
        .syncHeadDetached: "HEAD is detached; check out the ledger's branch first (git switch main)",
        .syncNoRemote: "no remote named '%@'; add one with: git remote add %@ URL",
        // Status lines of the commands.
        .nothingCommitted: "nothing changed; nothing committed", .editUnchanged: "%@ did not change; nothing committed",
        .editReopen: "%@ is not committed. Reopen the editor to fix it? [Y/n] ",
        .hooksInstalled: "installed %@", .hooksUpdated: "updated %@", .hooksReplaced: "installed %@; the previous hook is kept as %@",
        .hooksMergeDriver: "registered the merge driver for case and action files (merge.reclam.driver, .git/info/attributes)",
        .hooksRemoved: "removed %@", .hooksRestored: "removed reclam's hook; %@ is back as %@", .hooksNone: "no hook at %@; nothing to do",
        .auditedSince: "audited commits after %@", .auditedAll: "audited the whole history", .linkedActions: "linked actions: %@",
        .syncIn: "in:  %@ (%@)", .syncOut: "out: %@ (%@)", .syncDone: "synced %@ with %@: %@, %@",
        .syncInOne: "%@ commit(s) in", .syncInMany: "%@ commit(s) in", .syncOutOne: "%@ out", .syncOutMany: "%@ out",
        .syncTries: " (%@ tries)",
        .syncConflictsOne: "the merge stopped on %@ file(s) with conflicts:",
        .syncConflictsMany: "the merge stopped on %@ file(s) with conflicts:",
        .syncConflictsHint:
            "run 'reclam conflicts' to see them, 'reclam resolve ID --take ours|theirs' to settle each, then 'reclam sync' again",
        .mergeConflictField: "field '%@': ours '%@', theirs '%@'",
        .mergeConflictTransition: "transition from '%@': ours to '%@', theirs to '%@'",
        .mergeConflictText: "%@: both sides changed the same lines", .mergeRemoved: "(removed)",
        .mergePartFile: "file", .mergePartComments: "front-matter comments", .mergePartBody: "body",
        .mergeFileLeftOne: "%@ conflict(s) left between markers; run 'reclam conflicts'",
        .mergeFileLeftMany: "%@ conflict(s) left between markers; run 'reclam conflicts'",
        .resolveLeftOne: "%@ conflict(s) left; use --take ours|theirs or --set FIELD=VALUE",
        .resolveLeftMany: "%@ conflict(s) left; use --take ours|theirs or --set FIELD=VALUE",
        .resolvedNone: "resolved %@; no conflict left: run 'reclam sync' to commit the merge and push",
        .resolvedSome: "resolved %@; %@",
        .conflictsLine: "%@  %@: ours %@%@ / theirs %@%@  [%@:%@]", .conflictsField: "field %@",
        .conflictsTransition: "transition from %@", .conflictsBody: "body", .conflictsFirstStage: "the first stage",
        .conflictsNone: "(none)",
        .resolvedStillOne: "%@ file(s) still in conflict: reclam conflicts",
        .resolvedStillMany: "%@ file(s) still in conflict: reclam conflicts",
        .slaNoRules: "reclam.yml has no SLA rule ('sla:' section)",
        .userPassword: "Password for %@: ", .userNewPassword: "New password for %@: ",
        .userAdded: "added %@ (%@) to %@", .userPasswordChanged: "changed the password of %@", .userRemoved: "removed %@",
    ]

    // MARK: Enum values

    /// An enum value as a person reads it: its French label in a French ledger (`medium` →
    /// `moyen`), the stored id otherwise. Ids without a label are shown as they are.
    public func value(_ id: String) -> String {
        language == .fr ? (Self.frenchValues[id] ?? id) : id
    }

    /// The stored id of an enum value typed by a person: the id itself, or a French label of
    /// one of `values` (`élevé` → `high`), compared without case or accents. Nil when neither.
    public static func valueID(_ input: String, among values: [String]) -> String? {
        if values.contains(input) { return input }
        let key = folded(input)
        return values.first { id in frenchValues[id].map(folded) == key || folded(id) == key }
    }

    /// A field type as a person reads it (`texte`, `personne`), the type's id in English.
    public func typeName(_ type: FieldType) -> String {
        guard language == .fr else { return type.rawValue }
        switch type {
        case .text: return "texte"
        case .date: return "date"
        case .datetime: return "date et heure"
        case .person: return "personne"
        case .enum: return "liste de valeurs"
        case .number: return "nombre"
        case .caseList: return "liste de réclamations"
        case .id: return "identifiant"
        case .textList: return "liste de textes"
        default: return type.rawValue
        }
    }

    static func folded(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// French labels of the enum values of the built-in fields and of both presets' fields.
    static let frenchValues: [String: String] = [
        "yes": "oui", "no": "non", "low": "faible", "medium": "moyen", "high": "élevé",
        "local": "local", "regional": "régional", "national": "national",
        "email": "courriel", "letter": "courrier", "phone": "téléphone", "mediation": "médiation", "survey": "enquête",
        "web": "formulaire web", "in-person": "en personne", "internal": "interne",
        "learner": "stagiaire", "funder": "financeur", "prescriber": "prescripteur", "partner": "partenaire", "company": "entreprise",
        "complaint": "réclamation", "dysfunction": "dysfonctionnement",
        "information-request": "demande d'information", "general-opinion": "avis général", "other": "autre",
        "corrective-action": "action corrective", "compensation": "compensation", "process-improvement": "amélioration du processus",
        "satisfied": "satisfait", "partly-satisfied": "partiellement satisfait", "not-satisfied": "non satisfait",
        "no-answer": "sans réponse", "effective": "efficace", "not-effective": "non efficace",
    ]
}

extension Messages {
    /// An amount of an SLA unit the French way: `5 h`, `5 h 30`, `3 jours ouvrés`,
    /// `2,5 jours ouvrés`, `1 h ouvrée`. Nil in English (the English form is the canonical one,
    /// made by the SLA formatter).
    public func frenchAmount(_ value: Double, _ unit: SLAUnit) -> String {
        switch unit {
        case .hours, .businessHours:
            let minutes = Int((value * 60).rounded())
            var text = "\(minutes / 60) h"
            if minutes % 60 != 0 { text += " " + (minutes % 60 < 10 ? "0" : "") + String(minutes % 60) }
            if unit == .businessHours { text += minutes == 60 ? " ouvrée" : " ouvrées" }
            return text
        case .workingDays, .ouvrableDays, .calendarDays:
            let hundredths = Int((value * 100).rounded())
            var text = String(hundredths / 100)
            let fraction = hundredths % 100
            if fraction != 0 {
                text += "," + (fraction < 10 ? "0" : "") + String(fraction)
                while text.hasSuffix("0") { text.removeLast() }
            }
            return text + " " + unit.french(hundredths >= 200 ? 2 : 1)
        }
    }
}

extension String {
    /// The first letter in upper case, for a catalogue word used as a heading.
    public var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
