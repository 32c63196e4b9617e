import Foundation

/// A small W3C WebDriver client driving Debian's headless Chromium through chromedriver
/// (both installed by ops/install.sh): navigate, find elements by CSS, type, click, read
/// text and attributes, cookies, screenshots.
final class WebDriver: @unchecked Sendable {
    // @unchecked Sendable: `session` and `process` are set in init and never changed; every
    // call is one HTTP request through URLSession, itself thread-safe.
    struct Failure: Error, CustomStringConvertible { var description: String }

    private let base: URL
    private let session: String
    private let process: pid_t

    /// The WebDriver element reference key.
    private static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    /// Starts chromedriver on a free port and opens a headless Chromium session.
    init() async throws {
        guard let driver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "chromedriver is not installed: run `bash ops/install.sh` (it installs Debian's chromium and chromium-driver)")
        }
        let port = TestBroker.freePort()
        process = try ChildProcess.spawn([driver, "--port=\(port)", "--allowed-ips=127.0.0.1"], output: "/tmp/shuniu-chromedriver-\(port).log")
        base = URL(string: "http://127.0.0.1:\(port)")!
        var ready = false
        var last = ""
        for _ in 0..<100 {
            do {
                let status = try await Self.call(base, "GET", "/status", nil)
                if (status["value"] as? [String: Any])?["ready"] as? Bool == true {
                    ready = true
                    break
                }
                last = "\(status)"
            } catch {
                last = "\(error)"
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        guard ready else {
            kill(process, SIGKILL)
            throw Failure(description: "chromedriver did not become ready on port \(port): \(last)")
        }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-chromium-\(UUID().uuidString.prefix(8))").path
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": ["binary": "/usr/bin/chromium",
                                   "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                            "--window-size=1280,1024", "--lang=zh-CN", "--user-data-dir=\(profile)"]],
        ]]]
        let answer = try await Self.call(base, "POST", "/session", capabilities)
        guard let value = answer["value"] as? [String: Any], let id = value["sessionId"] as? String else {
            kill(process, SIGKILL)
            throw Failure(description: "no WebDriver session: \(answer)")
        }
        session = id
    }

    /// Ends the session and stops chromedriver.
    func quit() async {
        _ = try? await Self.call(base, "DELETE", "/session/\(session)", nil)
        kill(process, SIGTERM)
        _ = ChildProcess.wait(process)
    }

    func open(_ url: String) async throws { _ = try await command("POST", "/url", ["url": url]) }

    var url: String { get async throws { try await command("GET", "/url", nil) as? String ?? "" } }

    var title: String { get async throws { try await command("GET", "/title", nil) as? String ?? "" } }

    var source: String { get async throws { try await command("GET", "/source", nil) as? String ?? "" } }

    /// The first element matching `css`; fails when there is none.
    func element(_ css: String) async throws -> String {
        guard let value = try await command("POST", "/element", ["using": "css selector", "value": css]) as? [String: Any],
              let id = value[Self.elementKey] as? String else { throw Failure(description: "no element \(css)") }
        return id
    }

    /// Every element matching `css`.
    func elements(_ css: String) async throws -> [String] {
        let values = try await command("POST", "/elements", ["using": "css selector", "value": css]) as? [[String: Any]] ?? []
        return values.compactMap { $0[Self.elementKey] as? String }
    }

    func type(_ css: String, _ text: String) async throws {
        let id = try await element(css)
        _ = try await command("POST", "/element/\(id)/clear", [:])
        _ = try await command("POST", "/element/\(id)/value", ["text": text])
    }

    func click(_ css: String) async throws { _ = try await command("POST", "/element/\(try await element(css))/click", [:]) }

    /// Clicks what submits a form or follows a link, then waits until the new page has loaded
    /// (its document differs from the old one and is complete), at most 30 s.
    func submit(_ css: String) async throws {
        let old = try await element("html")
        try await click(css)
        for _ in 0..<300 {
            if let now = try? await element("html"), now != old,
               (try? await command("POST", "/execute/sync", ["script": "return document.readyState", "args": []]) as? String) == "complete" {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "no new page after clicking \(css)")
    }

    func text(_ css: String) async throws -> String {
        try await command("GET", "/element/\(try await element(css))/text", nil) as? String ?? ""
    }

    func text(element id: String) async throws -> String { try await command("GET", "/element/\(id)/text", nil) as? String ?? "" }

    func attribute(_ css: String, _ name: String) async throws -> String? {
        try await command("GET", "/element/\(try await element(css))/attribute/\(name)", nil) as? String
    }

    /// Runs a script in the page (through WebDriver, not the page's own scripts).
    func execute(_ script: String) async throws { _ = try await command("POST", "/execute/sync", ["script": script, "args": []]) }

    /// The form controls of the page that have no label (neither a `<label>` nor `aria-label`), by name.
    func unlabelledControls() async throws -> [String] {
        let script = """
            return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
              .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.name || e.id || e.tagName)
            """
        return try await command("POST", "/execute/sync", ["script": script, "args": []]) as? [String] ?? ["?"]
    }

    func isSelected(_ css: String) async throws -> Bool {
        try await command("GET", "/element/\(try await element(css))/selected", nil) as? Bool ?? false
    }

    /// The value of the cookie `name`, if the browser holds it.
    func cookie(_ name: String) async throws -> String? {
        let cookies = try await command("GET", "/cookie", nil) as? [[String: Any]] ?? []
        return cookies.first { $0["name"] as? String == name }?["value"] as? String
    }

    /// Every cookie with its attributes.
    func cookies() async throws -> [[String: Any]] { try await command("GET", "/cookie", nil) as? [[String: Any]] ?? [] }

    /// Saves a PNG screenshot of the window.
    func screenshot(to path: String) async throws {
        guard let text = try await command("GET", "/screenshot", nil) as? String, let data = Data(base64Encoded: text) else {
            throw Failure(description: "no screenshot")
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
    }

    private func command(_ method: String, _ path: String, _ body: [String: Any]?) async throws -> Any? {
        let answer = try await Self.call(base, method, "/session/\(session)\(path)", body)
        if let value = answer["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "\(method) \(path): \(error): \(value["message"] as? String ?? "")")
        }
        return answer["value"]
    }

    private static func call(_ base: URL, _ method: String, _ path: String, _ body: [String: Any]?) async throws -> [String: Any] {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        let answer = try await LoopbackHTTP.send(base.absoluteString + path, method: method,
                                           headers: data == nil ? [:] : ["Content-Type": "application/json"], body: data)
        return (try JSONSerialization.jsonObject(with: answer.body)) as? [String: Any] ?? [:]
    }
}

/// Plain HTTP requests to the portal, outside the browser (to post a forged form).
enum PlainHTTP {
    static func send(_ url: String, method: String = "GET", cookie: String? = nil, form: String? = nil) async throws -> (status: Int, body: String, headers: [String: String]) {
        var headers: [String: String] = [:]
        if let cookie { headers["Cookie"] = cookie }
        if form != nil { headers["Content-Type"] = "application/x-www-form-urlencoded" }
        let answer = try await LoopbackHTTP.send(url, method: method, headers: headers, body: form.map { Data($0.utf8) })
        return (answer.status, answer.text, answer.headers)
    }

    static func bytes(_ url: String) async throws -> Data { try await LoopbackHTTP.send(url).body }
}
