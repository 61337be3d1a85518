import CMimalloc
import KatchCLI

// A use of mimalloc keeps the linker from dropping the library as unneeded: linked, it comes before
// glibc in the lookup order, so its malloc and free serve the whole process (see Package.swift).
_ = mi_version()
runKatch()
