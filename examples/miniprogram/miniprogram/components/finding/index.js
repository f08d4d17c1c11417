// One finding as the engine gives it: the rule ID, its status, the clause of
// the original it cites, and the message (which names the parameter when an
// example value decides it). `finding` is a view model from lib/present.js.
Component({
  properties: {
    finding: { type: Object, value: {} },
  },
});
