// Types only from CLibPQ (OpaquePointer, ExecStatusType, ConnStatusType, Oid): no libpq function
// is named here or anywhere else in Swift, since naming one would link libpq into katch again.
import CLibPQ
import Foundation

/// libpq's functions that the PostgreSQL store calls, looked up in `libpq.so.5` the first time a
/// PostgreSQL store is opened.
///
/// libpq is not linked: linked, it is loaded into every katch process — `katch build`, `katch check`,
/// a quiz on SQLite — together with libssl, libcrypto, GSSAPI/Kerberos, LDAP and SASL, whose
/// constructors run before `main` (a C `main(){}` linked with `-lpq` starts in 4.9 ms, without it in
/// 0.8 ms). Only `--db postgres://…` needs it, so only that pays for it, and a machine without
/// Debian's `libpq5` runs everything else.
///
/// Each pointer's type is the one the C declaration in `libpq-fe.h` imports as, so calling through it
/// is calling the C function (`LibPQTests` type-checks every `PQ…` assigned to its property).
struct LibPQ: Sendable {
    /// `PQnoticeProcessor`.
    typealias NoticeProcessor = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void

    let connectdbParams: @convention(c) (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<UnsafePointer<CChar>?>?, Int32) -> OpaquePointer?
    let status: @convention(c) (OpaquePointer?) -> ConnStatusType
    let errorMessage: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    let finish: @convention(c) (OpaquePointer?) -> Void
    let setNoticeProcessor: @convention(c) (OpaquePointer?, NoticeProcessor?, UnsafeMutableRawPointer?) -> NoticeProcessor?
    let exec: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
    let execParams:
        @convention(c) (
            OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?,
            UnsafePointer<Int32>?, Int32
        ) -> OpaquePointer?
    let resultStatus: @convention(c) (OpaquePointer?) -> ExecStatusType
    let resultErrorMessage: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    let resultErrorField: @convention(c) (OpaquePointer?, Int32) -> UnsafeMutablePointer<CChar>?
    let clear: @convention(c) (OpaquePointer?) -> Void
    let ntuples: @convention(c) (OpaquePointer?) -> Int32
    let nfields: @convention(c) (OpaquePointer?) -> Int32
    let fname: @convention(c) (OpaquePointer?, Int32) -> UnsafeMutablePointer<CChar>?
    let ftype: @convention(c) (OpaquePointer?, Int32) -> Oid
    let getisnull: @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    let getvalue: @convention(c) (OpaquePointer?, Int32, Int32) -> UnsafeMutablePointer<CChar>?
    let cmdTuples: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    let putCopyData: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32
    let putCopyEnd: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32
    let getResult: @convention(c) (OpaquePointer?) -> OpaquePointer?

    /// libpq's soname since PostgreSQL 8.2 — the file Debian's `libpq5` installs.
    static let libraryName = "libpq.so.5"

    /// Loaded once per process, on first use, by whichever thread comes first (a `static let` is
    /// initialised exactly once); a failure is kept too, so every later open reports the same.
    static let shared = Result { () throws(LibPQError) -> LibPQ in try LibPQ(library: libraryName) }

    /// libpq, loading it if this is the first use; the error says what to install.
    static func load() throws(LibPQError) -> LibPQ { try shared.get() }

    /// Loads `library` and looks up every function. The library stays loaded for the life of the
    /// process (the pointers point into it).
    init(library: String) throws(LibPQError) {
        let handle = try Self.open(library)
        func f<T>(_ name: String) throws(LibPQError) -> T { try Self.function(name, in: handle, of: library) }
        connectdbParams = try f("PQconnectdbParams")
        status = try f("PQstatus")
        errorMessage = try f("PQerrorMessage")
        finish = try f("PQfinish")
        setNoticeProcessor = try f("PQsetNoticeProcessor")
        exec = try f("PQexec")
        execParams = try f("PQexecParams")
        resultStatus = try f("PQresultStatus")
        resultErrorMessage = try f("PQresultErrorMessage")
        resultErrorField = try f("PQresultErrorField")
        clear = try f("PQclear")
        ntuples = try f("PQntuples")
        nfields = try f("PQnfields")
        fname = try f("PQfname")
        ftype = try f("PQftype")
        getisnull = try f("PQgetisnull")
        getvalue = try f("PQgetvalue")
        cmdTuples = try f("PQcmdTuples")
        putCopyData = try f("PQputCopyData")
        putCopyEnd = try f("PQputCopyEnd")
        getResult = try f("PQgetResult")
    }

    /// `dlopen`s `library`: symbols resolved now (a broken library fails here, not in the middle of
    /// a quiz) and kept local (nothing else in the process binds to them).
    static func open(_ library: String) throws(LibPQError) -> UnsafeMutableRawPointer {
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
            throw .libraryMissing(library: library, reason: lastError())
        }
        return handle
    }

    /// The function `name` of the loaded library `handle` as the C function type `T`.
    static func function<T>(_ name: String, in handle: UnsafeMutableRawPointer, of library: String) throws(LibPQError) -> T {
        _ = dlerror()  // clear an earlier error, so that the one reported is this lookup's
        guard let address = dlsym(handle, name) else {
            throw .functionMissing(name: name, library: library, reason: lastError())
        }
        return unsafeBitCast(address, to: T.self)
    }

    /// dlerror's text (it names the file and why), or a plain phrase when it has none.
    private static func lastError() -> String {
        dlerror().map { String(cString: $0) } ?? "no reason given"
    }
}

/// libpq could not be loaded: the message says what to install, and what the dynamic loader said.
enum LibPQError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The library is not there (or not loadable: another architecture, a missing dependency).
    case libraryMissing(library: String, reason: String)
    /// The library has no function of that name: it is not libpq, or one too old.
    case functionMissing(name: String, library: String, reason: String)

    var description: String {
        switch self {
        case .libraryMissing(let library, let reason):
            return "PostgreSQL's client library (\(library)) is not installed: apt-get install libpq5 (\(reason))"
        case .functionMissing(let name, let library, let reason):
            return "PostgreSQL's client library (\(library)) has no function \(name): an older or another library? apt-get install libpq5 (\(reason))"
        }
    }
}
