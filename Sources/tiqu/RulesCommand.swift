// The command line: wiring and presentation only. Extraction logic lives in the stage targets, the
// driver in TiquRun; this reads arguments and the environment, and prints.
import ArgumentParser
import Foundation
import TiquRules
import TiquRun

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "Work with rule files.", subcommands: [Test.self, Lint.self, Coverage.self, New.self, Doc.self, Export.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Print each rule's fully expanded pattern.")
        @OptionGroup var ruleOptions: RuleOptions
        @Flag(name: .long, help: "One PCRE2 pattern per line, whitespace and comments stripped (for rg -P -f).")
        var pcre = false

        func run() throws {
            let loaded = try ruleOptions.load(failClosed: false)
            for r in loaded.ruleSet.rules {
                if pcre {
                    // Rules compile in extended and multiline mode: prefix (?xm) so the line means the same to any
                    // PCRE2 user (and no rule pattern holds a # comment, which a joined line would extend); named
                    // groups become plain groups, since rg joins all patterns into one and names would clash.
                    let line = r.expanded.replacingOccurrences(of: "\n", with: " ")
                        .replacingOccurrences(of: #"\(\?<[A-Za-z_][A-Za-z0-9_]*>"#, with: "(?:", options: .regularExpression)
                    print("(?xm)" + line)
                } else {
                    print("# \(r.id) (\(r.location))\n\(r.expanded)\n")
                }
            }
            if loaded.hadErrors { throw ExitCode(Status.rules) }
        }
    }
}
