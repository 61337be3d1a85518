import KatchCLI

runKatch()
