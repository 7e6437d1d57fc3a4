import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules
import ReclamWorkflow

/// The staff workspace under `serve.staff_prefix` (`/equipe` unless set): sign-in, the agenda,
/// the cases, a case and its forms, the reviewers' reports. Thin handlers: the reading is
/// `CaseBoard` and the CLI's renderers, the writing `CaseMove`, as `reclam move` does.
struct StaffDesk: Sendable {
    let door: FrontDoor
    let prefix: String
    let sessions = StaffSessions()
    let throttle = SignInThrottle()
    /// The cases and their clocks, kept between requests (`CaseBoardCache`).
    let boards = CaseBoardCache()
    /// The commits of each case file, for the timelines (`CaseTimelineIndex`).
    let timelines = CaseTimelineIndex()
    static let pageSize = 50

    struct Signed {
        var session: StaffSessions.Session
        var loaded: FrontDoor.Loaded
        var texts: StaffTexts
        var csrf: String
        var cookie: String
    }

    /// Reads the cases into the board's cache on a thread of its own while the server starts:
    /// at 100 000 cases that is 5 s the first staff request no longer waits for (a request
    /// arriving meanwhile waits for the cache's lock, as it would have read the cases itself).
    func warmUp() {
        Thread { [self] in
            guard let loaded = try? door.load(), let now = try? door.now() else { return }
            _ = try? boards.board(loaded.ledger, asOf: now)
        }.start()
        // Loaded from .git/reclam/ and brought up to date, or built (minutes at 100 000 cases).
        Thread { [self] in timelines.prepare(door.options.ledgerRoot) }.start()
    }

    func register(on router: Router<FrontDoorContext>) {
        let p = prefix
        router.add(middleware: RequestPeerMiddleware())
        router.get("\(p)") { request, _ in try await self.withSession(request) { try await self.today($0) } }
        router.get("\(p)/connexion") { _, _ in try await self.signInPage(problem: nil, userID: "", status: .ok) }
        router.post("\(p)/connexion") { request, context in try await self.signIn(request, context: context) }
        router.post("\(p)/deconnexion") { request, _ in try await self.signOut(request) }
        router.get("\(p)/staff.css") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "public, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: StaffPages.stylesheet)))
        }
        router.get("\(p)/dossiers") { request, _ in try await self.withSession(request) { try await self.caseList(request, $0) } }
        router.get("\(p)/dossiers/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await self.withSession(request) { try await self.casePage(id: id, $0) }
        }
        router.get("\(p)/dossiers/:id/pieces/:name") { request, context in
            let id = context.parameters.get("id") ?? ""
            // Path parameters come percent-encoded: a name with a space is `a%20b.pdf` in the link.
            let name = (context.parameters.get("name") ?? "").removingPercentEncoding ?? ""
            return try await self.withSession(request) { try await self.attachment(id: id, name: name, $0) }
        }
        router.get("\(p)/dossiers/:id/agir/:stage") { request, context in
            let id = context.parameters.get("id") ?? ""
            let stage = context.parameters.get("stage") ?? ""
            return try await self.withSession(request) { try await self.moveForm(id: id, target: stage, $0) }
        }
        router.post("\(p)/dossiers/:id/agir/:stage") { request, context in
            let id = context.parameters.get("id") ?? ""
            let stage = context.parameters.get("stage") ?? ""
            return try await self.withSession(request) { try await self.move(request, id: id, target: stage, $0) }
        }
        router.get("\(p)/rapport") { request, _ in
            try await self.withSession(request) { signed in
                try await self.document(signed) { ledger, now in
                    Report.build(
                        ledger: ledger, paths: try LedgerScan.scan(ledger).casePaths, from: nil, to: nil,
                        language: ledger.config.language, asOf: now
                    ).html()
                }
            }
        }
        router.get("\(p)/registre") { request, _ in
            try await self.withSession(request) { signed in
                try await self.document(signed, csvLink: "/registre.csv") { ledger, _ in
                    try Self.register(ledger).html(title: Self.registerTitle(ledger))
                }
            }
        }
        router.get("\(p)/registre.csv") { request, _ in
            try await self.withSession(request) { signed in
                let csv = try await self.door.blocking { try Self.register(signed.loaded.ledger).csv() }
                var headers = HTTPFields()
                headers[.contentType] = "text/csv; charset=utf-8"
                headers[.contentDisposition] = "attachment; filename=\"registre.csv\""
                headers[.cacheControl] = "no-store"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: csv)))
            }
        }
        router.get("\(p)/plan") { request, _ in
            try await self.withSession(request) { signed in
                try await self.document(signed) { ledger, _ in ImprovementPlan.build(ledger: ledger).html() }
            }
        }
        router.get("\(p)/apprenants/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            return try await self.withSession(request) { signed in
                guard Identifier.problem(id) == nil else { throw HTTPError(.notFound) }
                return try await self.document(signed) { ledger, _ in try LearnerSheet.load(id, ledger: ledger).html() }
            }
        }
        router.get("\(p)/audit") { request, _ in try await self.withSession(request) { try await self.audit($0) } }
        registerEdits(on: router)
    }

    // MARK: Sessions

    /// Runs `body` for a signed-in user, refreshing their cookie; anyone else goes to sign-in.
    func withSession(_ request: Request, _ body: (Signed) async throws -> Response) async throws -> Response {
        let now = Date()
        let cookie = request.cookies[StaffSessions.cookie]?.value
        let found: (FrontDoor.Loaded, StaffUsers) = try await door.blocking {
            let loaded = try self.door.load()
            return (loaded, try self.users(loaded))
        }
        let (loaded, users) = found
        if let session = trustedSession(request, settings: loaded.settings, users: users) {
            let signed = Signed(
                session: session, loaded: loaded, texts: StaffTexts(loaded.ledger.config.language), csrf: sessions.csrfToken(session),
                cookie: "")
            return try await body(signed)
        }
        guard let session = sessions.verify(cookie, users: users, idleMinutes: loaded.settings.sessionIdleMinutes, now: now) else {
            return Self.redirect("\(prefix)/connexion")
        }
        let refreshed = await sessionCookie(sessions.issue(user: session.user, nonce: session.nonce, now: now), settings: loaded.settings)
        let signed = Signed(
            session: session, loaded: loaded, texts: StaffTexts(loaded.ledger.config.language), csrf: sessions.csrfToken(session),
            cookie: refreshed)
        var response = try await body(signed)
        response.headers.append(HTTPField(name: .setCookie, value: refreshed))
        return response
    }

    func users(_ loaded: FrontDoor.Loaded) throws -> StaffUsers {
        try StaffUsers.read(
            at: loaded.ledger.root.appendingPathComponent(loaded.settings.usersFile), language: loaded.ledger.config.language)
    }

    func sessionCookie(_ value: String, settings: ServeSettings) async -> String {
        "\(StaffSessions.cookie)=\(value); Path=\(prefix); HttpOnly; SameSite=Strict" + (await door.isSecure(settings) ? "; Secure" : "")
    }

    func signInPage(problem: String?, userID: String, status: HTTPResponse.Status) async throws -> Response {
        let loaded = try await door.blocking { try self.door.load() }
        let token = door.csrf.issue(now: Date())
        let texts = StaffTexts(loaded.ledger.config.language)
        let html = StaffPages(prefix: prefix, texts: texts, loaded: loaded, signed: nil).signIn(
            csrf: token, userID: userID, problem: problem)
        var response = FrontDoor.html(status, html)
        response.headers.append(HTTPField(name: .setCookie, value: await door.csrfCookie(token, settings: loaded.settings)))
        return response
    }

    func signIn(_ request: Request, context: FrontDoorContext) async throws -> Response {
        let loaded = try await door.blocking { try self.door.load() }
        let texts = StaffTexts(loaded.ledger.config.language)
        guard let form = try? await Self.form(request) else { throw HTTPError(.badRequest) }
        let userID = String((form.fields["user"] ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        let password = form.fields["password"] ?? ""
        let now = Date()
        guard door.csrf.verify(field: form.fields[CSRFGuard.field], cookie: request.cookies[CSRFGuard.cookie]?.value, now: now) else {
            return try await signInPage(problem: texts["expired"], userID: userID, status: .forbidden)
        }
        let address = door.clientAddress(request, context: context, settings: loaded.settings)
        if await throttle.isLocked(user: userID, address: address, now: now) {
            var response = try await signInPage(problem: texts["locked"], userID: userID, status: .tooManyRequests)
            response.headers[.retryAfter] = "\(Int(SignInThrottle.window))"
            return response
        }
        let user: StaffUser? = try await door.blocking {
            let users = try self.users(loaded)
            let user = users.user(userID)
            // A missing user costs a bcrypt check too: a wrong id takes as long as a wrong password.
            let ok = PasswordHash.verify(password, hash: user?.passwordHash ?? PasswordHash.decoy)
            return ok ? user : nil
        }
        guard let user else {
            await throttle.recordFailure(user: userID, address: address, now: now)
            door.log("sign-in refused")
            return try await signInPage(problem: texts["wrong_password"], userID: userID, status: .unauthorized)
        }
        await throttle.clear(user: userID)
        var response = Self.redirect("\(prefix)")
        response.headers.append(
            HTTPField(name: .setCookie, value: await sessionCookie(sessions.issue(user: user, now: now), settings: loaded.settings)))
        return response
    }

    func signOut(_ request: Request) async throws -> Response {
        let found: (FrontDoor.Loaded, StaffUsers) = try await door.blocking {
            let loaded = try self.door.load()
            return (loaded, try self.users(loaded))
        }
        let settings = found.0.settings
        // Only the workspace's own form signs a person out: another site cannot.
        if let session = sessions.verify(
            request.cookies[StaffSessions.cookie]?.value, users: found.1, idleMinutes: settings.sessionIdleMinutes, now: Date()),
            !sessions.verifyCSRF((try? await Self.form(request))?.fields[CSRFGuard.field], session: session)
        {
            let texts = StaffTexts(found.0.ledger.config.language)
            return FrontDoor.html(
                .forbidden, StaffPages(prefix: prefix, texts: texts, loaded: found.0, signed: nil).message(texts["expired"]))
        }
        var response = Self.redirect("\(prefix)/connexion")
        response.headers.append(
            HTTPField(
                name: .setCookie,
                value: "\(StaffSessions.cookie)=; Path=\(prefix); Max-Age=0; HttpOnly; SameSite=Strict"
                    + (await door.isSecure(settings) ? "; Secure" : "")))
        return response
    }

    // MARK: Pages

    func pages(_ signed: Signed) -> StaffPages { StaffPages(prefix: prefix, texts: signed.texts, loaded: signed.loaded, signed: signed) }

    func today(_ signed: Signed) async throws -> Response {
        let now = try door.now()
        let board = try await door.blocking { try self.boards.board(signed.loaded.ledger, asOf: now) }
        return FrontDoor.html(.ok, pages(signed).today(board))
    }

    func caseList(_ request: Request, _ signed: Signed) async throws -> Response {
        let query = request.uri.queryParameters
        func value(_ key: String) -> String? {
            guard let text = query.get(key)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return String(text.prefix(200))
        }
        var filter = CaseBoard.Filter()
        filter.stage = value("stage")
        filter.owner = value("owner")
        filter.learner = value("learner")
        filter.openOnly = value("open") != nil
        filter.overdue = value("overdue") != nil
        filter.sla = value("sla").flatMap(SLAState.init(rawValue:))
        filter.text = value("q")
        let sort = value("sort").flatMap(CaseBoard.SortKey.init(rawValue:)) ?? .received
        let descending = value("desc") != nil
        let page = max(1, value("page").flatMap(Int.init) ?? 1)
        let now = try door.now()
        let chosen = filter
        let found: (CaseBoard, [Case], [String]) = try await door.blocking {
            let ledger = signed.loaded.ledger
            let list = try self.boards.list(ledger, asOf: now, filter: chosen, sort: sort, descending: descending)
            return (list.board, list.cases, try self.boards.owners(ledger))
        }
        return FrontDoor.html(
            .ok,
            pages(signed).caseList(found.0, found.1, filter: filter, sort: sort, descending: descending, page: page, owners: found.2))
    }

    func casePage(id: String, _ signed: Signed, notice: String? = nil) async throws -> Response {
        guard Identifier.problem(id) == nil else { throw HTTPError(.notFound) }
        let now = try door.now()
        let view: CaseView = try await door.blocking {
            try Self.found { try CaseView.load(id, ledger: signed.loaded.ledger, asOf: now, board: self.boards, index: self.timelines) }
        }
        return FrontDoor.html(.ok, pages(signed).casePage(view))
    }

    func attachment(id: String, name: String, _ signed: Signed) async throws -> Response {
        guard Identifier.problem(id) == nil, !name.isEmpty, !name.hasPrefix("."), !name.contains("/"), !name.contains("\\"),
            !name.contains(where: { $0.isNewline || $0 == "\0" })
        else { throw HTTPError(.notFound) }
        let data: Data = try await door.blocking {
            let ledger = signed.loaded.ledger
            guard let item = try? CaseLocator.load(id, in: ledger) else { throw HTTPError(.notFound) }
            let folder = ledger.root.appendingPathComponent(CaseView.attachmentFolder(item))
            let file = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                file.resolvingSymlinksInPath().path.hasPrefix(folder.resolvingSymlinksInPath().path + "/"),
                let data = try? Data(contentsOf: file)
            else { throw HTTPError(.notFound) }
            return data
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/octet-stream"
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
        headers[.contentDisposition] = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: Acting

    func moveForm(id: String, target: String, _ signed: Signed) async throws -> Response {
        guard signed.session.user.role.mayAct else { return FrontDoor.html(.forbidden, pages(signed).message(signed.texts["forbidden"])) }
        guard Identifier.problem(id) == nil else { throw HTTPError(.notFound) }
        let now = try door.now()
        let view: CaseView = try await door.blocking {
            try Self.found { try CaseView.load(id, ledger: signed.loaded.ledger, asOf: now, board: self.boards, timeline: false) }
        }
        guard let transition = view.transitions.first(where: { $0.to == target }) else { throw HTTPError(.notFound) }
        return FrontDoor.html(.ok, pages(signed).moveForm(view, transition: transition, input: MoveInput(view: view), problems: []))
    }

    func move(_ request: Request, id: String, target: String, _ signed: Signed) async throws -> Response {
        guard signed.session.user.role.mayAct else { return FrontDoor.html(.forbidden, pages(signed).message(signed.texts["forbidden"])) }
        guard Identifier.problem(id) == nil else { throw HTTPError(.notFound) }
        guard let form = try? await Self.form(request) else { throw HTTPError(.badRequest) }
        guard sessions.verifyCSRF(form.fields[CSRFGuard.field], session: signed.session) else {
            return FrontDoor.html(.forbidden, pages(signed).message(signed.texts["expired"]))
        }
        let now = try door.now()
        let user = signed.session.user
        let ledger = signed.loaded.ledger
        let outcome: MoveOutcome = try await door.blocking {
            let view = try CaseView.load(id, ledger: ledger, asOf: now, board: self.boards, timeline: false)
            guard let transition = view.transitions.first(where: { $0.to == target }) else {
                return .stale(view, nil)
            }
            let input = MoveInput(form: form.fields, requirements: view.requirements(of: transition))
            if input.version != view.version { return .stale(view, transition) }
            do {
                let context = try door.writeContext(ledger: ledger, actor: user.actor, now: now)
                let language = ledger.config.language
                try CaseMove.run(input.request(id: view.item.id, target: target, view: view), context: context) {
                    plan throws(ReclamError) in
                    // Read again inside the commit's retry loop: the file must still be the one the form was made from.
                    let data = try? Data(contentsOf: ledger.root.appendingPathComponent(plan.item.path))
                    if CaseView.version(of: data) != input.version {
                        throw ReclamError.refused(Messages(language)[.staffCaseChanged])
                    }
                    // As `reclam ack`: the acknowledgement goes to the outbox in the same commit.
                    guard plan.transition.verb == "ack" else { return [] }
                    let letter = try LetterRenderer.render("ack", language: language, item: plan.item, ledger: ledger, now: plan.at)
                    let message = Outbox.message(letter, item: plan.item, context: context, date: plan.at)
                    return [(Outbox.path(caseID: plan.item.id, letter: "ack", ledger: ledger), Data(message.rendered().utf8))]
                }
                return .moved
            } catch let error as ReclamError {
                let fresh = (try? CaseView.load(id, ledger: ledger, asOf: now, board: self.boards, timeline: false)) ?? view
                if fresh.version != input.version { return .stale(fresh, transition) }
                return .refused(view, transition, input, [error.message] + error.diagnostics.map(\.message))
            }
        }
        let keptInput = MoveInput(form: form.fields, requirements: [])
        switch outcome {
        case .moved:
            return Self.redirect("\(prefix)/dossiers/\(id)")
        case .stale(let view, let transition):
            var input = MoveInput(form: form.fields, requirements: transition.map { view.requirements(of: $0) } ?? [])
            input.version = view.version
            guard let transition else {
                return FrontDoor.html(.conflict, pages(signed).message(signed.texts["stale"], caseID: id, kept: keptInput))
            }
            return FrontDoor.html(
                .conflict, pages(signed).moveForm(view, transition: transition, input: input, problems: [], stale: true))
        case .refused(let view, let transition, let input, let problems):
            return FrontDoor.html(
                .unprocessableContent, pages(signed).moveForm(view, transition: transition, input: input, problems: problems))
        }
    }

    enum MoveOutcome: Sendable {
        case moved
        case stale(CaseView, Transition?)
        case refused(CaseView, Transition, MoveInput, [String])
    }

    // MARK: Reviewers' documents

    func document(
        _ signed: Signed, csvLink: String? = nil, _ render: @escaping @Sendable (Ledger, Date) throws -> String
    ) async throws -> Response {
        let now = try door.now()
        let html = try await door.blocking { try Self.found { try render(signed.loaded.ledger, now) } }
        return FrontDoor.html(.ok, pages(signed).embed(html, csvLink: csvLink))
    }

    static func register(_ ledger: Ledger) throws -> Register {
        Register.build(
            ledger: ledger, paths: try LedgerScan.scan(ledger).casePaths, actions: ActionStore.load(ledger).actions,
            procedure: ledger.config.procedure, timeZone: ledger.config.timeZone, language: ledger.config.language, year: nil)
    }

    static func registerTitle(_ ledger: Ledger) -> String {
        Messages(ledger.config.language)[.registerTitle] + " — " + ledger.config.organisation
    }

    func audit(_ signed: Signed) async throws -> Response {
        let findings = try await door.blocking { try Audit(ledger: signed.loaded.ledger).run() }
        return FrontDoor.html(.ok, pages(signed).audit(findings))
    }

    // MARK: Helpers

    static func form(_ request: Request) async throws -> FormBody {
        var request = request
        let buffer = try await request.collectBody(upTo: 512 << 10)
        return try FormBody.parse(buffer, contentType: request.headers[.contentType])
    }

    /// A case or learner that does not exist (a usage error of the library) is a 404.
    static func found<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ReclamError where error.kind == .usage { throw HTTPError(.notFound) }
    }

    static func redirect(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: headers)
    }
}

extension HTTPField.Name {
    static let contentDisposition = HTTPField.Name("Content-Disposition")!
}
