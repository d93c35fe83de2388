global using GanBench.Training.Components.Objectives;
global using GanBench.Training.Components.Penalties;
