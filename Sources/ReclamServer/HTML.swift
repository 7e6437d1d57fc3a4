import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules
import ReclamWorkflow

/// The frame of every page and its stylesheet.
enum HTML {
    /// Every piece of text in a page goes through ReclamCore's one HTML escaper.
    static func escape(_ text: String) -> String { Escape.html(text) }

    /// A whole page: one stylesheet from this server, no script, no inline style.
    static func page(title: String, language: String, organisation: String, body: String) -> String {
        shell(
            title: title, language: language, organisation: organisation,
            top: "<header><p class=\"organisation\">\(escape(organisation))</p></header>\n", body: body)
    }

    /// The shell every page shares, the public form's and the staff workspace's: the head with
    /// this server's stylesheet, then `top` and `body` in the body. `head` (more lines of the
    /// head) and `top` are HTML, each empty or ending with a line break; `bodyClass` is text.
    static func shell(
        title: String, language: String, organisation: String, head: String = "", bodyClass: String? = nil, top: String,
        body: String
    ) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(escape(language))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>\(escape(title)) — \(escape(organisation))</title>
        <link rel="stylesheet" href="/style.css">
        \(head)</head>
        <body\(bodyClass.map { " class=\"\(escape($0))\"" } ?? "")>
        \(top)<main id="main">
        \(body)
        </main>
        </body>
        </html>

        """
    }

    /// The stylesheet: readable on a phone, visible focus, contrast above WCAG AA (4.5:1).
    static let stylesheet = """
        *,*::before,*::after{box-sizing:border-box}
        html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:100%;line-height:1.5;color:#1a1a1a;background:#fff}
        body{margin:0}
        header{background:#1d3557;color:#fff;padding:.75rem 1rem}
        header p{margin:0;font-weight:600}
        main{max-width:40rem;margin:0 auto;padding:1rem}
        h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
        fieldset{border:1px solid #6b6b6b;border-radius:.25rem;margin:0 0 1.25rem;padding:.75rem 1rem 1rem}
        legend{font-weight:700;padding:0 .25rem}
        .field{margin:0 0 1rem}
        label{display:block;font-weight:600;margin-bottom:.25rem}
        .choice label,.consent label{display:inline;font-weight:400}
        .choice{margin:.25rem 0}
        .hint{display:block;color:#4a4a4a;font-size:.95rem;margin:0 0 .35rem}
        input[type=text],input[type=email],input[type=tel],textarea{display:block;width:100%;font:inherit;padding:.5rem;border:2px solid #4a4a4a;border-radius:.25rem;background:#fff;color:#1a1a1a}
        textarea{min-height:9rem;resize:vertical}
        input[type=file]{font:inherit;max-width:100%}
        input[type=radio],input[type=checkbox]{width:1.25rem;height:1.25rem;vertical-align:middle;margin-right:.4rem}
        :focus-visible{outline:3px solid #b35c00;outline-offset:2px}
        .error-message{display:block;color:#a4161a;font-weight:600;margin:0 0 .35rem}
        .invalid input,.invalid textarea{border-color:#a4161a}
        .error-summary{border:3px solid #a4161a;border-radius:.25rem;padding:.75rem 1rem;margin:0 0 1.25rem}
        .error-summary h2{font-size:1.15rem;margin:0 0 .5rem}
        .error-summary a{color:#a4161a}
        .required{color:#a4161a}
        button{font:inherit;font-weight:700;background:#1d3557;color:#fff;border:0;border-radius:.25rem;padding:.75rem 1.5rem;cursor:pointer}
        button:hover{background:#14253d}
        a{color:#1d4ed8}
        .trap{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
        dl.facts{display:grid;grid-template-columns:auto 1fr;gap:.35rem 1rem;margin:0 0 1.25rem}
        dl.facts dt{font-weight:700}
        dl.facts dd{margin:0}
        .status-link{word-break:break-all;background:#f1f3f5;border:1px solid #6b6b6b;border-radius:.25rem;padding:.5rem;display:block}
        ol.steps{padding-left:1.25rem}
        .notice{background:#f1f3f5;border-left:4px solid #1d3557;padding:.5rem .75rem}

        """
}
