import Foundation

/// The fuzz targets of `FuzzTesting/` and the entry point each one drives.
///
/// The entry points live here, in the main package, so the same code runs in two places: the
/// libFuzzer executables of the `FuzzTesting` subpackage (built with `--sanitize=fuzzer`), and
/// the regression tests of the normal `swift test`, which replay every seed and every input that
/// once crashed (`FuzzTesting/Corpus/<target>/` and `FuzzTesting/Regressions/<target>/`).
///
/// An entry point must accept any bytes: a Swift trap, a sanitizer report or a broken property
/// (checked with `precondition`) is a crash, and a crash is a bug.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Session tokens through `TokenService.verify` (jwt-kit's parser, the algorithm check, the signature, the times).
    case tokenVerification = "FuzzTokenVerification"
    /// CSV bytes through `CSVReader` (encoding checks, quoting, line numbers).
    case csvReader = "FuzzCSVReader"
    /// SQL text through the sandbox: prepare, the authorizer, and a short run of what passes.
    case sandbox = "FuzzSandbox"
    /// Questions through the offline planner over the demo's two schemas.
    case offlinePlanner = "FuzzOfflinePlanner"
    /// Terminal key codes through the console's key decoder, then the console's update and view.
    case keyDecoder = "FuzzKeyDecoder"
    /// Backup files through `TenantBackup.inspect` (the header, then the payload as a database).
    case backupReading = "FuzzBackupReading"
    /// Any text through `TerminalText`: nothing a terminal obeys may come out.
    case terminalText = "FuzzTerminalText"

    /// Runs one input through the target's entry point.
    public func run(_ data: Data) async {
        if case .tokenVerification = self {
            await TokenVerificationFuzz.run(data)
        } else {
            runSynchronously(data)
        }
    }

    /// Makes what the target's entry point needs (a database, a workspace, a key) before the
    /// first input, from libFuzzer's `LLVMFuzzerInitialize`, so the first input is not charged for
    /// it (under the sanitizers, writing the demo's database takes longer than an input may).
    public func prepare() {
        switch self {
        case .tokenVerification: _ = TokenVerificationFuzz.service
        case .csvReader, .terminalText, .keyDecoder: break
        case .sandbox: _ = SandboxFuzz.database
        case .offlinePlanner: _ = OfflinePlannerFuzz.schemas
        case .backupReading: _ = BackupReadingFuzz.backups
        }
    }

    /// Runs one input from a libFuzzer callback, which is synchronous and never on Swift's
    /// cooperative pool, so it may wait for the one asynchronous entry point; the others run
    /// right here, on the fuzzer's thread, at full speed.
    public func runBlocking(_ bytes: UnsafeRawBufferPointer) {
        let data = Data(bytes)
        guard case .tokenVerification = self else {
            runSynchronously(data)
            return
        }
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            await TokenVerificationFuzz.run(data)
            done.signal()
        }
        done.wait()
    }

    private func runSynchronously(_ data: Data) {
        switch self {
        case .tokenVerification: preconditionFailure("token verification is asynchronous")
        case .csvReader: CSVReaderFuzz.run(data)
        case .sandbox: SandboxFuzz.run(data)
        case .offlinePlanner: OfflinePlannerFuzz.run(data)
        case .keyDecoder: KeyDecoderFuzz.run(data)
        case .backupReading: BackupReadingFuzz.run(data)
        case .terminalText: TerminalTextFuzz.run(data)
        }
    }
}
