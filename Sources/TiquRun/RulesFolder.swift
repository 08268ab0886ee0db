import Foundation
import TiquRules

/// Where the rules come from, and what they are: the folder a run used and a short hash of its files,
/// so a summary (and a CI log) says exactly which rules made the records.
public enum RulesFolder {
    /// The rules folder: `--rules`, then `$TIQU_RULES`, then `share/tiqu/rules` beside an installed binary
    /// (`PREFIX/bin/tiqu` → `PREFIX/share/tiqu/rules`), then `rules/` beside the executable, then, for a
    /// binary inside a SwiftPM build tree (`.build/…/tiqu`), the package's `rules/`. Never a path compiled
    /// in: a copied binary finds the rules beside it or none. Returns the folder or what was tried.
    public static func locate(flag: String?, environment: String?, executable: String) -> Result<String, LocateError> {
        if let flag { return exists(flag) ? .success(flag) : .failure(.missing(flag, "--rules")) }
        if let env = environment, !env.isEmpty { return exists(env) ? .success(env) : .failure(.missing(env, "$TIQU_RULES")) }
        let bin = URL(fileURLWithPath: executable).deletingLastPathComponent()
        var tried = [bin.deletingLastPathComponent().appendingPathComponent("share/tiqu/rules").path, bin.appendingPathComponent("rules").path]
        let parts = bin.pathComponents
        if let k = parts.lastIndex(of: ".build") {
            tried.append(NSString.path(withComponents: Array(parts[..<k]) + ["rules"]))
        }
        if let found = tried.first(where: exists) { return .success(found) }
        return .failure(.notFound(tried))
    }

    public enum LocateError: Error, CustomStringConvertible {
        case missing(String, String)
        case notFound([String])
        public var description: String {
            switch self {
            case .missing(let dir, let from): return "the rules folder \(dir) (from \(from)) does not exist"
            case .notFound(let tried):
                return "cannot find the rules folder (tried \(tried.joined(separator: ", "))); pass --rules DIR or set TIQU_RULES"
            }
        }
    }

    static func exists(_ dir: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) && isDir.boolValue
    }

    /// The running executable's path (Linux: /proc/self/exe; elsewhere argv[0]).
    public static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// A short hash (FNV-1a, 64 bits, 12 hex digits) of every rule file's relative path and bytes, in
    /// sorted order: the same rules give the same hash on every machine (`RuleFiles.fingerprint`).
    public static func fingerprint(_ dir: String) -> String { RuleFiles(directory: dir).fingerprint }
}

/// The version of tiqu: one source of truth for `--version` and the run summary.
public enum TiquVersion {
    public static let current = "0.3.0"
}
