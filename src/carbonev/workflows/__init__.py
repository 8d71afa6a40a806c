"""Multi-step runs behind the facade (:mod:`carbonev.api`) and the CLI: a study report with its Monte
Carlo and tornado, a rating with its fixed functional unit, a batch of battery declarations, a fleet's
output folder, valued benefits. Each step is computed by the modules below; these only sequence them
and check every input before the first number is computed."""
