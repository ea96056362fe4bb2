from captioncheck.cli import main

main()
