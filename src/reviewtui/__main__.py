from reviewtui.start import main

raise SystemExit(main())
