"""Progress and mid-term reports of stored plans: the ledger database read into the report builder
(``planwatch.reports``), a service that writes the file, and the download view."""
