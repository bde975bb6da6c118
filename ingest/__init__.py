"""Turn directives (txt, docx, pdf) into drafts of tasks with agencies and deadlines."""
