/// Something wrong with a document that the user may need to know: what, and where in the file as stored.
///
/// Stages create diagnostics with an original byte offset (asked of the offset map: never a cleaned
/// position, which users cannot find in their file); the driver adds the line and column from the decoded
/// text before they reach the user.
public struct Diagnostic: Sendable, Equatable {
    public enum Severity: String, Sendable { case warning, error }
    public let severity: Severity
    /// Byte offset into the original file, where one applies.
    public let offset: Int?
    /// 1-based line and column (in Unicode scalars) of `offset`, once located (`located(in:)`).
    public private(set) var line: Int?
    public private(set) var column: Int?
    public let message: String

    public init(_ severity: Severity, offset: Int? = nil, _ message: String) {
        self.severity = severity
        self.offset = offset
        self.message = message
    }

    /// This diagnostic with the line and column of its offset in `text`.
    public func located(in text: DecodedText) -> Diagnostic {
        guard let offset, line == nil else { return self }
        var d = self
        (d.line, d.column) = text.lineAndColumn(ofByte: offset)
        return d
    }

    /// `FILE:LINE:COL: error: MESSAGE (byte N)`, or `FILE: error: MESSAGE` when there is no position: the
    /// compiler's form, which editors and CI annotations understand.
    public func formatted(file: String) -> String {
        var place = file
        if let line, let column { place += ":\(line):\(column)" }
        let byte = offset.map { " (byte \($0))" } ?? ""
        return "\(place): \(severity.rawValue): \(message)\(byte)"
    }
}

extension DecodedText {
    /// The 1-based line and column (Unicode scalars) of the scalar holding original byte `byte`.
    public func lineAndColumn(ofByte byte: Int) -> (line: Int, column: Int) {
        let k = max(0, Search.first(count) { Int(byteOffsets[$0 + 1]) > byte })
        if let b = fileUTF8 {
            // Lines counted in the file's bytes, and the column by the lead bytes since the last line end.
            let end = Int(byteOffsets[min(k, count)])
            var line = 1
            var lineStart = Int(byteOffsets[0])
            for i in lineStart..<end where b[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            var column = 1
            for i in lineStart..<end where b[i] & 0xC0 != 0x80 { column += 1 }
            return (line, column)
        }
        var line = 1
        var lineStart = 0
        for i in 0..<min(k, storedScalars.count) where storedScalars[i] == "\n" {
            line += 1
            lineStart = i + 1
        }
        return (line, k - lineStart + 1)
    }
}
