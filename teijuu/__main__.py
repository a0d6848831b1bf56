from teijuu.cli import main

raise SystemExit(main())
