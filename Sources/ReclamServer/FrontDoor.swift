import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules
import ReclamWorkflow

/// `reclam serve`: the public complaint form, the receipt and the complainant's status page,
/// served with Hummingbird over the ledger in `options.ledgerRoot`.
///
/// Every request reads the ledger afresh (reclam.yml and the case files), so a case moved at
/// the terminal shows its new stage at the next request; every submission is one commit made
/// through ReclamKit's one write path, in a thread of its own so that the server keeps serving.
public struct FrontDoor: Sendable {
    public struct Options: Sendable {
        public var ledgerRoot: URL
        public var listen: ListenAddress
        /// `--base-url`, which wins over `serve.base_url`.
        public var baseURL: String?
        /// `--actor` (or RECLAM_ACTOR, git's identity) when `serve.actor` is not set.
        public var actor: String?
        public var environment: [String: String]

        public init(ledgerRoot: URL, listen: ListenAddress, baseURL: String?, actor: String?, environment: [String: String]) {
            self.ledgerRoot = ledgerRoot
            self.listen = listen
            self.baseURL = baseURL
            self.actor = actor
            self.environment = environment
        }
    }

    let options: Options
    let log: @Sendable (String) -> Void
    let csrf = CSRFGuard()
    let limiter = RateLimiter()
    let bound = BoundAddress()
    /// Status token hashes → case files, kept between requests (`StatusIndex`).
    let statusIndex = StatusIndex()
    /// Case ids, learner folders and addresses, kept between submissions (`SubmissionDirectory`).
    let directory = SubmissionDirectory()
    /// `reclam.yml` parsed again only when its bytes change (`LedgerOpener`).
    let opener = LedgerOpener()
    /// The repository every commit of the server goes through (`GitWriteSession`).
    let writes: GitWriteSession
    /// Threads for the blocking work: more than the cores, so that submissions waiting for the
    /// commit under way (most of it waits for the disk) queue behind it and are committed
    /// together, instead of waiting for a thread.
    let pool = NIOThreadPool(numberOfThreads: max(8, 2 * System.coreCount))

    /// - Parameter log: receives one line per request (and the start and stop of the server).
    public init(options: Options, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.log = log
        writes = GitWriteSession(path: options.ledgerRoot.path)
    }

    /// The context of a commit made by the server: every one goes through `writes`.
    func writeContext(ledger: Ledger, actor: String?, now: Date) throws(ReclamError) -> WriteContext {
        var context = try WriteContext(ledger: ledger, actorOption: actor, environment: options.environment, now: now)
        context.session = writes
        return context
    }

    /// Serves until SIGINT or SIGTERM; `onListening` gets the address actually bound.
    public func run(onListening: @escaping @Sendable (String) -> Void) async throws {
        pool.start()
        let router = Router(context: FrontDoorContext.self)
        router.add(middleware: FrontDoorMiddleware(door: self))
        router.get("/") { _, _ in try await self.showForm() }
        router.post("/") { request, context in try await self.receive(request, context: context) }
        router.get("/merci/:reference") { request, context in
            try await self.showReceipt(request, reference: context.parameters.get("reference") ?? "")
        }
        router.get("/suivi/:token") { _, context in try await self.showStatus(token: context.parameters.get("token") ?? "") }
        router.get("/style.css") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "public, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: HTML.stylesheet)))
        }
        // The staff workspace: its prefix is read at start (a change needs a restart).
        let desk = StaffDesk(door: self, prefix: (try? load().settings.staffPrefix) ?? "/equipe")
        desk.register(on: router)
        desk.warmUp()
        var logger = Logger(label: "reclam-serve")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(options.listen.host, port: options.listen.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.listen.port
                await bound.set(port: port)
                let host = options.listen.host.contains(":") ? "[\(options.listen.host)]" : options.listen.host
                onListening("http://\(host):\(port)")
            },
            logger: logger)
        do {
            try await app.runService()
        } catch {
            try? await pool.shutdownGracefully()
            throw error
        }
        try await pool.shutdownGracefully()
    }

    // MARK: Reading the ledger

    struct Loaded {
        var ledger: Ledger
        var settings: ServeSettings
        var pages: Pages
    }

    /// The ledger and its `serve` settings as they are now on disk.
    func load() throws -> Loaded {
        let ledger = try opener.open(at: options.ledgerRoot)
        let settings = ServeSettings.read(ledger.config)
        return Loaded(ledger: ledger, settings: settings, pages: Pages(ledger: ledger, settings: settings))
    }

    func now() throws -> Date { try Clock.now(environment: options.environment) }

    /// Blocking work (file reads, the commit) runs on the server's thread pool (`pool`), off the event loops.
    func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }

    // MARK: Handlers

    func showForm() async throws -> Response {
        let loaded = try await blocking { try self.load() }
        let token = csrf.issue(now: Date())
        var response = Self.html(.ok, loaded.pages.form(csrf: token))
        response.headers.append(HTTPField(name: .setCookie, value: await csrfCookie(token, settings: loaded.settings)))
        return response
    }

    func receive(_ request: Request, context: FrontDoorContext) async throws -> Response {
        var request = request
        let loaded = try await blocking { try self.load() }
        let settings = loaded.settings
        let pages = loaded.pages
        // Room for the attachments and the text fields, with their multipart framing.
        let limit = settings.maximumUploadBytes + 512 << 10
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            return Self.html(.contentTooLarge, pages.notice("too_large_title", "too_large_text"))
        }
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: limit) } catch is NIOTooManyBytesError {
            return Self.html(.contentTooLarge, pages.notice("too_large_title", "too_large_text"))
        }
        let form: FormBody
        do { form = try FormBody.parse(buffer, contentType: request.headers[.contentType]) } catch {
            return Self.html(.badRequest, pages.notice("unavailable_title", "unavailable_text"))
        }
        let submission = form.submission
        let wallClock = Date()
        guard csrf.verify(field: form.fields[CSRFGuard.field], cookie: request.cookies[CSRFGuard.cookie]?.value, now: wallClock) else {
            return await reshow(.forbidden, submission.cleaned(), problems: [], token: nil, loaded: loaded)
        }
        // The trap field is filled only by robots: nothing is recorded, nothing is said.
        if !(form.fields["website"] ?? "").isEmpty {
            return Self.html(.badRequest, pages.notice("unavailable_title", "unavailable_text"))
        }
        let cleaned = submission.cleaned()
        let problems = cleaned.problems(settings: settings)
        if !problems.isEmpty {
            return await reshow(.unprocessableContent, cleaned, problems: problems, token: form.fields[CSRFGuard.field], loaded: loaded)
        }
        let client = clientAddress(request, context: context, settings: settings)
        guard await limiter.admit(client, limit: settings.rateLimit, period: settings.ratePeriod, now: wallClock) else {
            var response = Self.html(.tooManyRequests, pages.notice("rate_title", "rate_text"))
            response.headers[.retryAfter] = "\(Int(settings.ratePeriod))"
            return response
        }
        let receipt: WebReceipt
        do {
            let now = try now()
            let actor = settings.actor ?? options.actor
            receipt = try await blocking {
                let context = try self.writeContext(ledger: loaded.ledger, actor: actor, now: now)
                return try WebSubmission.submit(submission, settings: settings, context: context, directory: self.directory)
            }
        } catch {
            await limiter.release(client, at: wallClock)
            log("submission not recorded: \(Self.describe(error))")
            return Self.html(.serviceUnavailable, pages.notice("unavailable_title", "unavailable_text"))
        }
        var headers = HTTPFields()
        headers[.location] = "/merci/\(receipt.id)"
        headers[.cacheControl] = "no-store"
        let secure = await isSecure(settings)
        headers.append(
            HTTPField(
                name: .setCookie,
                value: "reclam_receipt=\(receipt.token); Path=/merci/\(receipt.id); Max-Age=3600; HttpOnly; SameSite=Strict"
                    + (secure ? "; Secure" : "")))
        return Response(status: .seeOther, headers: headers)
    }

    /// The form again, with the sender's text and the errors. A valid CSRF token is kept; a
    /// missing or expired one (`token` nil) is replaced, and the page says the form expired.
    func reshow(
        _ status: HTTPResponse.Status, _ values: WebSubmission, problems: [(field: String, problem: WebFieldProblem)], token valid: String?,
        loaded: Loaded
    ) async -> Response {
        let expired = valid == nil
        let token = valid ?? csrf.issue(now: Date())
        var html = loaded.pages.form(csrf: token, values: values, problems: problems, filesDropped: !values.files.isEmpty)
        if expired {
            let notice = "<p class=\"error-summary\" role=\"alert\">\(HTML.escape(loaded.pages.texts["error_expired"]))</p>\n"
            html = html.replacingOccurrences(of: "<p>\(HTML.escape(loaded.pages.texts["form_intro"]))</p>", with: notice)
        }
        var response = Self.html(status, html)
        if expired { response.headers.append(HTTPField(name: .setCookie, value: await csrfCookie(token, settings: loaded.settings))) }
        return response
    }

    func showReceipt(_ request: Request, reference: String) async throws -> Response {
        let token = request.cookies["reclam_receipt"]?.value ?? ""
        let now = try now()
        let found: (Loaded, PublicStatus?) = try await blocking {
            let loaded = try self.load()
            return (loaded, try self.statusIndex.find(token: token, ledger: loaded.ledger, settings: loaded.settings, asOf: now))
        }
        let (loaded, status) = found
        guard let status, status.id == reference, let received = status.received else { throw HTTPError(.notFound) }
        let link = await baseURL(loaded.settings) + "/suivi/" + token
        return Self.html(.ok, loaded.pages.receipt(id: status.id, received: received, deadline: status.deadline, statusURL: link))
    }

    func showStatus(token: String) async throws -> Response {
        let now = try now()
        let found: (Loaded, (status: PublicStatus, matched: Bool)?) = try await blocking {
            let loaded = try self.load()
            return (loaded, try self.statusIndex.status(token: token, ledger: loaded.ledger, settings: loaded.settings, asOf: now))
        }
        // A wrong token's page is made too, from a decoy, then dropped for the 404 page: a wrong
        // token costs what a right one does.
        let page = found.1.map { found.0.pages.status($0.status) }
        guard let page, found.1?.matched == true else {
            return Self.html(.notFound, found.0.pages.notice("not_found_title", "not_found_text"))
        }
        return Self.html(.ok, page)
    }

    // MARK: Helpers

    static func html(_ status: HTTPResponse.Status, _ page: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    func csrfCookie(_ token: String, settings: ServeSettings) async -> String {
        "\(CSRFGuard.cookie)=\(token); Path=/; Max-Age=\(Int(CSRFGuard.lifetime)); HttpOnly; SameSite=Strict"
            + (await isSecure(settings) ? "; Secure" : "")
    }

    func baseURL(_ settings: ServeSettings) async -> String {
        if let configured = options.baseURL ?? settings.baseURL {
            return configured.hasSuffix("/") ? String(configured.dropLast()) : configured
        }
        let host = options.listen.host.contains(":") ? "[\(options.listen.host)]" : options.listen.host
        return "http://\(host):\(await bound.port ?? options.listen.port)"
    }

    func isSecure(_ settings: ServeSettings) async -> Bool { await baseURL(settings).lowercased().hasPrefix("https://") }

    /// The peer's address, or the last X-Forwarded-For entry (the one the proxy added) when
    /// `serve.trust_forwarded_for` says a proxy stands in front.
    func clientAddress(_ request: Request, context: FrontDoorContext, settings: ServeSettings) -> String {
        if settings.trustForwardedFor, let forwarded = request.headers[.xForwardedFor],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        {
            return last
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }

    static func describe(_ error: Error) -> String {
        if let reclam = error as? ReclamError { return reclam.message }
        return "\(error)"
    }
}

/// The port the server got, known once it listens (port 0 asks the system for a free one).
actor BoundAddress {
    private(set) var port: Int?
    func set(port: Int) { self.port = port }
}

/// The request context: Hummingbird's core storage and the peer's address.
public struct FrontDoorContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let permissionsPolicy = HTTPField.Name("Permissions-Policy")!
    static let crossOriginOpenerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!
}

/// Around every request: errors become pages, security headers go on every response, and one
/// line is logged (method, path with any token hidden, status, time), never a form's content.
struct FrontDoorMiddleware: RouterMiddleware {
    typealias Context = FrontDoorContext
    let door: FrontDoor

    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = errorPage(error)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.permissionsPolicy] = "camera=(), microphone=(), geolocation=()"
        response.headers[.crossOriginOpenerPolicy] = "same-origin"
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        door.log(
            "\(request.method.rawValue) \(Self.loggedPath(request.uri.path)) \(response.status.code) "
                + String(format: "%.1fms", milliseconds))
        return response
    }

    /// The path as logged: the status token is a secret and never reaches a log.
    static func loggedPath(_ path: String) -> String {
        path.hasPrefix("/suivi/") ? "/suivi/…" : String(path.prefix(200))
    }

    func errorPage(_ error: Error) -> Response {
        let pages = try? door.load().pages
        let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
        if status == .notFound || status == .methodNotAllowed {
            let html = pages?.notice("not_found_title", "not_found_text") ?? "<!DOCTYPE html><title>404</title><h1>404</h1>"
            return FrontDoor.html(status, html)
        }
        if status == .contentTooLarge, let pages { return FrontDoor.html(status, pages.notice("too_large_title", "too_large_text")) }
        door.log("error: \(FrontDoor.describe(error))")
        let html = pages?.notice("unavailable_title", "unavailable_text") ?? "<!DOCTYPE html><title>503</title><h1>503</h1>"
        return FrontDoor.html(.serviceUnavailable, html)
    }
}
